package com.forecap.bootstrap.wiring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

import com.forecap.adapter.out.files.CsvRejectsFile;
import com.forecap.adapter.out.files.ImportFileReader;
import com.forecap.adapter.out.files.RecapFileWriter;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlRecapImport;
import com.forecap.adapter.out.mysql.MySqlRecapReader;
import com.forecap.adapter.out.mysql.MySqlSchema;
import com.forecap.adapter.out.mysql.MySqlTestDataStore;
import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisRecapEvictor;
import com.forecap.adapter.out.redis.RedisRecapWriter;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.cache.port.in.TrainCacheDictionaryUseCase;
import com.forecap.application.cache.port.in.WarmCacheUseCase;
import com.forecap.application.cache.service.TrainCacheDictionaryService;
import com.forecap.application.cache.service.WarmCacheService;
import com.forecap.application.importing.port.in.ImportRecapsUseCase;
import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort;
import com.forecap.application.importing.service.ImportRecapsService;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase;
import com.forecap.application.testdata.service.GenerateTestDataService;
import com.forecap.application.testdata.service.VerifyTestDataService;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ToolSettings;

/**
 * The commands' use cases over the same adapters as the service's. Each opens the clients it needs
 * (a MySQL pool sized for the command, Redis answering a ping); {@link #close()} closes them.
 */
public final class Tools implements AutoCloseable {

    /** Heap above which the import collects after each chunk, when the heap is not bounded by the launcher. */
    private static final long HEAP_SOFT_LIMIT_MB = 192;
    private static final long HEAP_BOUNDED_MB = 512;

    private final ToolSettings settings;
    private final JacksonRecapJson json = new JacksonRecapJson();
    private final List<AutoCloseable> resources = new ArrayList<>();

    Tools(ToolSettings settings) {
        this.settings = settings;
    }

    /**
     * The settings the tools were built from.
     *
     * @return the settings
     */
    public ToolSettings settings() {
        return settings;
    }

    /**
     * Creates the database if needed and applies the schema scripts not applied yet.
     *
     * @return the versions applied now
     */
    public List<Integer> migrate() {
        return new MySqlSchema(settings.mysql().orElseThrow()).migrate();
    }

    /**
     * The generator into MySQL, with parallel {@code LOAD DATA} streams.
     *
     * @param threads   parallel streams
     * @param chunkSize users per atomic statement
     * @param progress  where progress goes
     * @return the use case
     */
    public GenerateTestDataUseCase generator(int threads, long chunkSize, ReportProgressPort progress) {
        return new GenerateTestDataService(new MySqlTestDataStore(mysql(threads + 1), json), synthetic(), progress,
                chunkSize);
    }

    /**
     * The generator into an import file; the file is complete once the tools are closed.
     *
     * @param file      the file; its extension chooses the format
     * @param chunkSize users per chunk
     * @param progress  where progress goes
     * @return the use case
     * @throws IllegalArgumentException when the extension is not a known format
     */
    public GenerateTestDataUseCase fileGenerator(Path file, long chunkSize, ReportProgressPort progress) {
        return new GenerateTestDataService(RecapStores.add(resources, new RecapFileWriter(file)), synthetic(), progress, chunkSize);
    }

    /**
     * The guide's checks of the stored users.
     *
     * @return the use case
     */
    public VerifyTestDataUseCase verifier() {
        return new VerifyTestDataService(new MySqlTestDataStore(mysql(1), json), synthetic(), json);
    }

    /**
     * Pre-warming Redis from MySQL, with the dictionary the instances use.
     *
     * @param progress where progress goes
     * @return the use case
     * @throws ConfigurationException when Redis is not configured or does not answer
     */
    public WarmCacheUseCase cacheWarmer(ReportProgressPort progress) {
        RedisSettings redisSettings = settings.requiredRedis("warm-cache");
        MySqlConnections connections = mysql(1);
        RedisConnections redis = redis(redisSettings);
        RedisRecapWriter cache = new RedisRecapWriter(redis, RecapStores.codec(redis, json, settings.seed()).codec(),
                RecordCacheMetricsPort.NONE);
        return new WarmCacheService(new MySqlRecapReader(connections, json), cache, json, progress);
    }

    /**
     * The import of the data warehouse's export.
     *
     * @param dryRun     check only: no database
     * @param evictCache delete the imported users' Redis entries (never in a dry run)
     * @param chunkRows  file rows per atomic statement
     * @param progress   where progress goes
     * @return the use case
     * @throws ConfigurationException when the cache is to be evicted and Redis cannot be used
     */
    public ImportRecapsUseCase importer(boolean dryRun, boolean evictCache, int chunkRows,
                                        ReportProgressPort progress) {
        RedisSettings redisSettings = evictCache ? settings.requiredRedis("--invalidate-cache") : null;
        StoreImportedRecapsPort store = dryRun ? StoreImportedRecapsPort.NONE : boundedHeap(new MySqlRecapImport(mysql(2)));
        EvictCachedRecapsPort evictor = redisSettings == null ? EvictCachedRecapsPort.NONE
                : new RedisRecapEvictor(redis(redisSettings));
        return new ImportRecapsService(new ImportFileReader(), store, new CsvRejectsFile(), evictor, json, progress,
                chunkRows);
    }

    /**
     * Training the cache dictionary on the stored recaps.
     *
     * @return the use case and the dictionary it replaces
     * @throws ConfigurationException when Redis is not configured or does not answer
     */
    public DictionaryTraining dictionaryTrainer() {
        RedisSettings redisSettings = settings.requiredRedis("cache-dictionary train");
        MySqlConnections connections = mysql(1);
        RedisConnections redis = redis(redisSettings);
        RedisCacheDictionary.Choice current = RecapStores.codec(redis, json, settings.seed());
        return new DictionaryTraining(new TrainCacheDictionaryService(new MySqlTestDataStore(connections, json),
                new MySqlRecapReader(connections, json), json, new RedisCacheDictionary(redis, current.codec())),
                current.description());
    }

    /**
     * The dictionary training and what it replaces.
     *
     * @param useCase  the training
     * @param replaces the dictionary in use now, e.g. {@code built-in:654321}
     */
    public record DictionaryTraining(TrainCacheDictionaryUseCase useCase, String replaces) {
    }

    /** Closes what the use cases opened, newest first; the first failure is thrown, the others added to it. */
    @Override
    public void close() {
        RuntimeException failure = RunningService.closeAll(resources);
        if (failure != null) {
            throw failure;
        }
    }

    private SyntheticRecaps synthetic() {
        return new SyntheticRecaps(settings.seed());
    }

    private MySqlConnections mysql(int size) {
        return RecapStores.add(resources, MySqlConnections.forTools(settings.mysql().orElseThrow(), size));
    }

    /** Redis for a command that needs it, refused with one clear line when it does not answer. */
    private RedisConnections redis(RedisSettings redisSettings) {
        RedisConnections redis = RecapStores.add(resources, RecapStores.redis(redisSettings));
        String unreachable = redis.ping();
        if (unreachable != null) {
            throw new ConfigurationException("cannot use Redis: " + unreachable);
        }
        return redis;
    }

    /**
     * Collects garbage after each chunk once the heap has grown past {@value #HEAP_SOFT_LIMIT_MB} MB, when
     * the heap may grow past {@value #HEAP_BOUNDED_MB} MB (no {@code -Xmx} below that, as with a plain
     * {@code java -jar}): the import keeps little alive, but with the JVM's default heap (a quarter of the
     * machine's memory) it would let garbage pile up to far more than that before collecting it. Under
     * the launchers' flags ({@code bin/jvm-options}, a 256 MB heap) the heap is bounded already and these
     * full collections would only cost time.
     */
    private static StoreImportedRecapsPort boundedHeap(StoreImportedRecapsPort store) {
        return new StoreImportedRecapsPort() {
            @Override
            public long committedRows(String importKey, String source) {
                return store.committedRows(importKey, source);
            }

            @Override
            public long replace(String importKey, String source, Iterator<ImportedRecap> recaps, LongSupplier rowsDone) {
                long written = store.replace(importKey, source, recaps, rowsDone);
                if (Runtime.getRuntime().maxMemory() > HEAP_BOUNDED_MB << 20
                        && Runtime.getRuntime().totalMemory() > HEAP_SOFT_LIMIT_MB << 20) {
                    System.gc();
                }
                return written;
            }

            @Override
            public void finished(String importKey) {
                store.finished(importKey);
            }
        };
    }
}
