package com.forecap.adapter.out.redis.testing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.forecap.adapter.out.redis.RedisSettings;

/** Settings for tests: the shared local Redis under a key prefix of the test's own, or a private server. */
public final class RedisTesting {

    /** The shared local Redis. */
    public static final String SHARED_NODE = System.getenv().getOrDefault("FORECAP_IT_REDIS_NODE", "127.0.0.1:6379");

    private RedisTesting() {
    }

    /**
     * A key prefix no other test or run uses.
     *
     * @return the prefix, ending in {@code :}
     */
    public static String uniquePrefix() {
        return "forecap-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /**
     * Settings with short, test-friendly bounds.
     *
     * @param node      {@code host:port}
     * @param keyPrefix the key prefix
     * @param ttl       entry lifetime
     * @return the settings
     */
    public static RedisSettings settings(String node, String keyPrefix, Duration ttl) {
        return new RedisSettings(List.of(node), false, null, null, false, 0, Duration.ofMillis(200), Duration.ofMillis(200),
                16, Duration.ofMillis(100), keyPrefix, ttl, Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofMillis(500));
    }
}
