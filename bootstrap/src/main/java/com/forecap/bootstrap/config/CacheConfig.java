package com.forecap.bootstrap.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.common.Size;
import io.helidon.config.Config;

import com.forecap.adapter.out.redis.RedisSettings;

/** Reads the cache settings: {@code forecap.redis.*} (or the original {@code REDIS_*}) and {@code forecap.cache.local.*}. */
final class CacheConfig {

    private static final Pattern SIZE = Pattern.compile("(\\d+)((?:[KMG]?B)?)", Pattern.CASE_INSENSITIVE);

    private CacheConfig() {
    }

    /** The near cache: {@code forecap.cache.local.enabled}, {@code max-bytes} (64 MB), {@code ttl} (30 s). */
    static ServiceSettings.NearCacheSettings nearCache(Config config) {
        Config local = config.get("forecap.cache.local");
        return new ServiceSettings.NearCacheSettings(local.get("enabled").asBoolean().orElse(true),
                bytes(local, "max-bytes", 64L << 20), Settings.duration(local, "ttl", Duration.ofSeconds(30)));
    }

    /**
     * Redis settings, when Redis is configured ({@code REDIS_HOST} or {@code forecap.redis.nodes}).
     *
     * @param config the root configuration
     * @return the settings, or empty without Redis
     * @throws ConfigurationException when a value is wrong
     */
    static Optional<RedisSettings> redis(Config config) {
        Config redis = config.get("forecap.redis");
        Optional<String> host = Settings.optionalText(redis, "host");
        Optional<String> nodes = Settings.optionalText(redis, "nodes");
        if (host.isEmpty() && nodes.isEmpty()) {
            return Optional.empty();
        }
        List<String> nodeList = nodes.map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElseGet(() -> List.of(host.get() + ":" + Settings.integer(redis, "port", 6379, 1, 65_535)));
        try {
            return Optional.of(new RedisSettings(nodeList,
                    redis.get("cluster").asBoolean().orElse(false),
                    Settings.optionalText(redis, "user").orElse(null),
                    redis.get("password").asString().orElse(null),
                    redis.get("tls").asBoolean().orElse(false),
                    Settings.integer(redis, "database", 0, 0, 15),
                    Settings.duration(redis, "connect-timeout", Duration.ofMillis(500)),
                    Settings.duration(redis, "operation-timeout", Duration.ofMillis(250)),
                    Settings.integer(redis, "pool-size", 64, 1, 1_000),
                    Settings.duration(redis, "pool-wait", Duration.ofMillis(100)),
                    Settings.text(redis, "key-prefix", ""),
                    Settings.duration(redis, "ttl", Duration.ofHours(1)),
                    Settings.duration(redis, "lock-ttl", Duration.ofSeconds(10)),
                    Settings.duration(redis, "lock-wait", Duration.ofMillis(500)),
                    Settings.duration(redis, "breaker-open-for", Duration.ofSeconds(5)),
                    Settings.optionalText(redis, "tls-ca-file").orElse(null),
                    redis.get("tls-verify-hostname").asBoolean().orElse(true)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.redis: " + e.getMessage());
        }
    }

    /** A size in bytes: a whole number, optionally with KB, MB or GB (binary, as {@link Size} reads them). */
    static long bytes(Config config, String key, long defaultValue) {
        Optional<String> text = Settings.optionalText(config, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Matcher size = SIZE.matcher(text.get().replace(" ", ""));
        try {
            long bytes = size.matches()
                    ? Size.parse(size.group(1) + " " + size.group(2).toUpperCase(Locale.ROOT)).toBytes() : 0;
            if (bytes < 1) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(Settings.name(config, key) + " must be a size like 67108864, 64MB or 1GB, was '"
                    + text.get() + "'");
        }
    }
}
