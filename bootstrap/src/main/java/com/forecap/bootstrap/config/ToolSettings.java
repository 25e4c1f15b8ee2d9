package com.forecap.bootstrap.config;

import java.util.Optional;

import io.helidon.config.Config;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.redis.RedisSettings;

/**
 * What the commands (migrate, generate, verify, warm-cache, import, cache-dictionary) need to know,
 * read once from the same configuration as the service's.
 *
 * @param mysql the writer, with the tools' own account when {@code forecap.mysql.tools-user} is set
 * @param redis the shared cache, when configured
 * @param seed  the synthetic data set's seed ({@code forecap.embedded.seed}), which also names the
 *              cache's built-in dictionary
 */
public record ToolSettings(MySqlSettings mysql, Optional<RedisSettings> redis, long seed) {

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws ConfigurationException when a value is wrong
     */
    public static ToolSettings from(Config config) {
        return new ToolSettings(MySqlConfig.tools(config), CacheConfig.redis(config), ServiceSettings.seed(config));
    }

    /**
     * The same settings with another seed.
     *
     * @param other the seed, or {@code null} to keep this one
     * @return the settings
     */
    public ToolSettings withSeed(Long other) {
        return other == null ? this : new ToolSettings(mysql, redis, other);
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
