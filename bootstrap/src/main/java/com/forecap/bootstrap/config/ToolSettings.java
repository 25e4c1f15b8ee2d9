package com.forecap.bootstrap.config;

import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;

/**
 * What a command (migrate, generate, verify, warm-cache, import, cache-dictionary) needs to know, read
 * once from the same configuration as the service's: only the parts the command uses are read and
 * checked, so a wrong Redis setting does not stop a command that never talks to Redis.
 *
 * @param mysql the writer, with the tools' own account when {@code forecap.mysql.tools-user} is set
 * @param redis the shared cache, when the command uses it and it is configured
 * @param seed  the synthetic data set's seed ({@code --seed}, else {@code forecap.embedded.seed}), which
 *              also names the cache's built-in dictionary
 */
public record ToolSettings(Optional<MySqlSettings> mysql, Optional<RedisSettings> redis, long seed) {

    /** The parts of the configuration a command uses: {@code forecap.mysql.*}, {@code forecap.redis.*}, the seed. */
    public enum Part { MYSQL, REDIS, SEED }

    /**
     * Reads the parts a command uses.
     *
     * @param config the root configuration
     * @param parts  what the command uses
     * @param seed   the seed given on the command line, or {@code null}
     * @return the settings
     * @throws ConfigurationException when a value is wrong
     */
    public static ToolSettings from(Config config, Set<Part> parts, Long seed) {
        return new ToolSettings(parts.contains(Part.MYSQL) ? Optional.of(MySqlConfig.tools(config)) : Optional.empty(),
                parts.contains(Part.REDIS) ? CacheConfig.redis(config) : Optional.empty(),
                seed != null ? seed : parts.contains(Part.SEED) ? ServiceSettings.seed(config) : SyntheticRecaps.DEFAULT_SEED);
    }

    /**
     * Redis, for a command that cannot work without it.
     *
     * @param what what needs it, for the error, e.g. {@code warm-cache}
     * @return the settings
     * @throws ConfigurationException when Redis is not configured
     */
    public RedisSettings requiredRedis(String what) {
        return redis.orElseThrow(() -> new ConfigurationException(
                what + " needs Redis: set REDIS_HOST (and REDIS_PORT, REDIS_PASSWORD as needed)"));
    }
}
