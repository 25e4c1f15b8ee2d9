package com.forecap.bootstrap.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import io.helidon.config.Config;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlRecapReader;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlTestDataStore;
import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.port.in.TrainCacheDictionaryUseCase;
import com.forecap.application.service.TrainCacheDictionaryService;
import com.forecap.bootstrap.config.CacheConfig;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.wiring.CacheCodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code forecap cache-dictionary train}: the Redis compression dictionary, trained on the stored (real) recaps. */
@Command(name = "cache-dictionary", mixinStandardHelpOptions = true,
        description = "The compression dictionary of the Redis cache entries.",
        subcommands = CacheDictionaryCommand.Train.class)
public final class CacheDictionaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: train");
    }

    /** Trains and stores. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Sample recaps from MySQL, train a dictionary on them and store it in Redis (user:recap:dictionary).",
                "Instances read it at start: restart them (rolling) afterwards; entries written with the old dictionary are misses."})
    static final class Train implements Callable<Integer> {

        @Option(names = "--sample", paramLabel = "N", defaultValue = "4000",
                description = "recaps to train on (default: ${DEFAULT-VALUE}; a quarter more are read to measure)")
        int sample;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "seed of the sample's choice")
        long seed;

        @Mixin
        MySqlOptions mysql;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (sample < 100 || sample > 100_000) {
                throw new ParameterException(spec.commandLine(), "--sample must be between 100 and 100000, was " + sample);
            }
            Config config = mysql.config();
            RedisSettings redisSettings = CacheConfig.requiredRedis(config, "cache-dictionary train");
            MySqlSettings settings = MySqlOptions.settings(config);
            JacksonRecapJson json = new JacksonRecapJson();
            TrainCacheDictionaryUseCase.Result result;
            try (MySqlConnections connections = MySqlConnections.forTools(settings, 1);
                 RedisConnections redis = CommandLines.connectRedis(redisSettings)) {
                CacheCodecs.Chosen current = CacheCodecs.forRedis(redis, json, MySqlOptions.seed(config, null));
                result = new TrainCacheDictionaryService(new MySqlTestDataStore(connections, json),
                        new MySqlRecapReader(connections, json), json, new RedisCacheDictionary(redis, current.codec()))
                        .train(sample, seed);
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "stored dictionary %d (%,d bytes) in Redis key %s%s, trained on %,d recaps from %s.user_recap_data; "
                                + "replaces %s%n"
                                + "bytes per cached user on %,d held-out recaps: JSON %.0f, with the previous dictionary %.0f, "
                                + "with the new one %.0f%n"
                                + "restart the instances (rolling) to use it; until then entries written with the other "
                                + "dictionary count as misses%n",
                        result.id(), result.bytes(), redisSettings.keyPrefix(), RedisCacheDictionary.KEY,
                        result.sampled() - result.sampled() / 5, settings.database(), current.description(),
                        result.sampled() / 5, result.jsonBytesPerUser(), result.bytesBefore(),
                        result.bytesAfter());
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
            return 0;
        }
    }
}
