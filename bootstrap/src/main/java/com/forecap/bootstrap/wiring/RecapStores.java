package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToIntFunction;
import java.util.stream.LongStream;

import com.forecap.adapter.out.caffeine.NearCacheUserRecapAdapter;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlUserRecapAdapter;
import com.forecap.adapter.out.mysql.ReplicaFallbackUserRecapAdapter;
import com.forecap.adapter.out.prometheus.PrometheusMetrics;
import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.adapter.out.redis.RedisCachingUserRecapAdapter;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisRecapEvictor;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.domain.user.UserId;

/**
 * The store chain the request path reads through, from the inside out: the embedded data set, or MySQL (with a
 * read replica's fallback), Redis in front of it, the near cache in front of all; each part with its health check,
 * its line of the start-up description, and its share of the warm-up's private copy of the chain.
 */
final class RecapStores {

    private static final System.Logger LOG = System.getLogger(RecapStores.class.getName());
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    /** Bytes of the warm-up's own near cache (its users' recaps, a few MB). */
    private static final long WARM_UP_NEAR_CACHE_BYTES = 8L << 20;
    /** Users the built-in cache dictionary is trained on. */
    private static final int DICTIONARY_SAMPLE_USERS = 2_000;

    private RecapStores() {
    }

    /**
     * Where recaps come from, how to check its two parts (database, cache), how to describe it, and the
     * warm-up's private copy of it.
     */
    record RecapStore(LoadUserRecapPort port, CheckHealthPort database, CheckHealthPort redis, String description,
                      StartupWarmup.Stack warmUp) {
    }

    /**
     * Opens the clients the settings name and builds the chain over them; what it opens is added to
     * {@code resources}.
     */
    static RecapStore open(ServiceSettings settings, JacksonRecapJson json, PrometheusMetrics metrics,
                           PrometheusMetrics warmUpMetrics, List<AutoCloseable> resources) {
        // Redis first: a wrong CA file then fails before MySQL is asked anything
        Optional<RedisConnections> redis = settings.redis().map(redisSettings -> add(resources, redis(redisSettings)));
        // the cache's codec is chosen while the MySQL pools open
        Optional<CompletableFuture<RedisCacheDictionary.Choice>> codec = redis.map(connections -> CompletableFuture
                .supplyAsync(() -> codec(connections, json, settings.embedded().seed()), RecapStores::inBackground));
        Optional<MySqlPools> pools = settings.database().map(database -> MySqlPools.open(database, resources));
        if (pools.isEmpty()) {
            return embedded(settings.embedded(), json);
        }
        RecapStore store = mysql(pools.get(), settings.embedded().seed(), json, metrics, warmUpMetrics, resources);
        if (redis.isPresent()) {
            store = redisCache(redis.get(), codec.orElseThrow().join(), store, metrics, warmUpMetrics, resources);
        }
        return nearCache(settings.nearCache(), store, metrics, warmUpMetrics);
    }

    /**
     * The MySQL pools the service reads from: the writer's, or a read replica's with the writer's as the
     * fallback.
     */
    private record MySqlPools(ServiceSettings.DatabaseSettings settings, MySqlConnections serving,
                              Optional<MySqlConnections> fallback) {

        static MySqlPools open(ServiceSettings.DatabaseSettings database, List<AutoCloseable> resources) {
            MySqlConnections serving = add(resources, MySqlConnections.forServing(database.reader().orElse(database.serving())));
            Optional<MySqlConnections> fallback = database.reader()
                    .map(reader -> add(resources, MySqlConnections.forFallback(database.serving())));
            String failure = serving.ping(HEALTH_TIMEOUT);
            if (failure != null) {
                LOG.log(Level.WARNING, (fallback.isPresent() ? "the MySQL reader is not answering yet, reading from the writer: "
                        : "MySQL is not answering yet, serving 503 until it does: ") + failure);
            }
            return new MySqlPools(database, serving, fallback);
        }

        int sum(ToIntFunction<MySqlConnections> count) {
            return count.applyAsInt(serving) + fallback.map(count::applyAsInt).orElse(0);
        }
    }

    private static RecapStore embedded(ServiceSettings.EmbeddedSettings settings, JacksonRecapJson json) {
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(settings.users(),
                new SyntheticRecaps(settings.seed()), json);
        InMemoryUserRecapAdapter warmUp = InMemoryUserRecapAdapter.filling(StartupWarmup.USERS,
                new SyntheticRecaps(settings.seed()), json);
        return new RecapStore(store, store, ComponentHealth::disabled, "mode=embedded users=" + store.size(),
                new StartupWarmup.Stack(warmUp, () -> " none", () -> { }));
    }

    /** MySQL; with a read replica, ready while either the replica or the writer answers. */
    private static RecapStore mysql(MySqlPools pools, long seed, JacksonRecapJson json, PrometheusMetrics metrics,
                                    PrometheusMetrics warmUpMetrics, List<AutoCloseable> resources) {
        ServiceSettings.DatabaseSettings database = pools.settings();
        metrics.databasePool(() -> pools.sum(MySqlConnections::total), () -> pools.sum(MySqlConnections::active),
                () -> pools.sum(MySqlConnections::idle));
        MySqlUserRecapAdapter primary = add(resources,
                new MySqlUserRecapAdapter(pools.serving(), json, metrics, database.waitBudget()));
        MySqlSettings writer = database.serving();
        String description = "mode=mysql server=" + writer.server()
                + database.reader().map(reader -> " reader=" + reader.server()).orElse("") + " database="
                + writer.database() + " pool=" + pools.serving().settings().poolSize();
        // the warm-up reads rows the server computes from synthetic recaps (no table is read) through a reader of
        // its own on the same pool
        MySqlUserRecapAdapter warmUpReader = new MySqlUserRecapAdapter(pools.serving(), json, warmUpMetrics,
                database.waitBudget());
        SyntheticRecaps synthetic = new SyntheticRecaps(seed);
        LoadUserRecapPort warmUpStore = userId -> userId.value() <= StartupWarmup.USERS
                ? Optional.of(warmUpReader.loadWarmUpRecap(userId.value(), new String(
                        json.encode(synthetic.recapOf(userId)).json(), StandardCharsets.UTF_8)))
                : Optional.empty();
        // the pool is filled and the statement prepared on each connection while the rest starts
        CompletableFuture<Integer> prepared = CompletableFuture.supplyAsync(primary::prepareConnections,
                RecapStores::inBackground);
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(warmUpStore, () -> " mysql=" + prepared(prepared),
                warmUpReader::close);
        if (pools.fallback().isEmpty()) {
            return new RecapStore(primary, primary, ComponentHealth::disabled, description, warmUp);
        }
        MySqlUserRecapAdapter fromWriter = add(resources,
                new MySqlUserRecapAdapter(pools.fallback().get(), json, metrics, database.waitBudget()));
        ReplicaFallbackUserRecapAdapter store = new ReplicaFallbackUserRecapAdapter(primary, fromWriter);
        return new RecapStore(store, store, ComponentHealth::disabled, description, warmUp);
    }

    /** Redis in front of the store: cache-aside, lock, circuit breaker. */
    private static RecapStore redisCache(RedisConnections redis, RedisCacheDictionary.Choice chosen, RecapStore store,
                                         PrometheusMetrics metrics, PrometheusMetrics warmUpMetrics,
                                         List<AutoCloseable> resources) {
        RedisCachingUserRecapAdapter cache = add(resources,
                new RedisCachingUserRecapAdapter(redis, store.port(), chosen.codec(), metrics));
        RedisSettings settings = redis.settings();
        // the warm-up's entries (user:recap:warm-up:{id}) live for a minute, and are deleted after it
        RedisConnections warmUpView = redis.warmUpView(Duration.ofMinutes(1));
        RedisCachingUserRecapAdapter warmUpCache = new RedisCachingUserRecapAdapter(warmUpView, store.warmUp().store(),
                chosen.codec(), warmUpMetrics);
        CompletableFuture<String> filled = CompletableFuture.supplyAsync(() -> fillRedis(redis), RecapStores::inBackground);
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(warmUpCache, () -> store.warmUp().prepare().fill()
                + " redis=" + filled.join(), () -> {
                    warmUpCache.close();
                    long[] ids = LongStream.rangeClosed(1, StartupWarmup.USERS).toArray();
                    try {
                        new RedisRecapEvictor(warmUpView).evict(ids, ids.length);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot delete the warm-up's cache entries (they expire within a minute): "
                                + e.getMessage());
                    }
                    store.warmUp().cleanup().run();
                });
        return new RecapStore(cache, store.database(), cache, store.description() + " redis="
                + String.join(",", settings.nodes()) + (settings.cluster() ? " (cluster)" : "") + " ttl=" + settings.ttl()
                + " dictionary=" + chosen.description(), warmUp);
    }

    /** Runs a start-up task on a thread of its own. */
    private static void inBackground(Runnable task) {
        Thread.ofVirtual().name("forecap-start").start(task);
    }

    /** The connections the MySQL pool prepared; a MySQL that is down does not stop the start. */
    private static String prepared(CompletableFuture<Integer> prepared) {
        try {
            return Integer.toString(prepared.join());
        } catch (CompletionException e) {
            LOG.log(Level.WARNING, "cannot prepare the MySQL connections yet: " + e.getCause().getMessage());
            return "unavailable";
        }
    }

    /** Opens the Redis pool's working size; a Redis that is down does not stop the start. */
    private static String fillRedis(RedisConnections redis) {
        try {
            return Integer.toString(redis.fill());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot connect to Redis yet, serving from MySQL until it answers: " + e.getMessage());
            return "unavailable";
        }
    }

    /** The near cache in the JVM (single flight) in front of the rest, when enabled. */
    private static RecapStore nearCache(ServiceSettings.NearCacheSettings local, RecapStore store, PrometheusMetrics metrics,
                                        PrometheusMetrics warmUpMetrics) {
        if (!local.enabled()) {
            return store;
        }
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(new NearCacheUserRecapAdapter(store.warmUp().store(),
                WARM_UP_NEAR_CACHE_BYTES, local.ttl(), warmUpMetrics), store.warmUp().prepare(), store.warmUp().cleanup());
        return new RecapStore(new NearCacheUserRecapAdapter(store.port(), local.maxBytes(), local.ttl(), metrics),
                store.database(), store.redis(),
                store.description() + " near-cache=" + (local.maxBytes() >> 20) + "MB/" + local.ttl(), warmUp);
    }

    /**
     * The cache's codec: the dictionary stored in Redis, else the built-in one trained on the recaps of users
     * 1..{@value #DICTIONARY_SAMPLE_USERS} of the synthetic data set of the given seed (so every instance with
     * the same seed trains the same dictionary).
     */
    static RedisCacheDictionary.Choice codec(RedisConnections redis, RecapJsonPort json, long seed) {
        return RedisCacheDictionary.choose(redis, () -> {
            SyntheticRecaps synthetic = new SyntheticRecaps(seed);
            return LongStream.rangeClosed(1, DICTIONARY_SAMPLE_USERS)
                    .mapToObj(id -> json.encode(synthetic.recapOf(UserId.of(id)))).toList();
        });
    }

    static <T extends AutoCloseable> T add(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    static RedisConnections redis(RedisSettings settings) {
        try {
            return RedisConnections.create(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.redis.tls-ca-file (REDIS_TLS_CA_FILE): " + e.getMessage());
        }
    }
}
