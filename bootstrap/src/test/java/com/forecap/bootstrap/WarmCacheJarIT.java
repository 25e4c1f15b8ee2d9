package com.forecap.bootstrap;

import java.time.Duration;
import java.util.Map;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code forecap warm-cache} as an operator runs it. */
class WarmCacheJarIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private final ScratchDatabase database = ScratchDatabase.named();
    private PrivateRedisServer redis;

    @BeforeEach
    void start() throws Exception {
        redis = PrivateRedisServer.start();
        try (JarProcess migrate = JarProcess.start(env(), "migrate")) {
            assertThat(migrate.awaitExit(LIMIT)).isZero();
        }
        try (JarProcess generate = JarProcess.start(env(), "generate-test-data", "2000")) {
            assertThat(generate.awaitExit(LIMIT)).isZero();
        }
    }

    @AfterEach
    void stop() {
        redis.close();
        database.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = database.environment();
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        return env;
    }

    private long keys() {
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            return jedis.dbSize();
        }
    }

    @Test
    void warms_a_range_and_the_most_active_users() throws Exception {
        try (JarProcess warm = JarProcess.start(env(), "warm-cache", "--ids", "1-1500", "--batch", "400")) {
            assertThat(warm.awaitExit(LIMIT)).as(warm.output()).isZero();
            assertThat(warm.output()).contains("cached 1,500 recaps").doesNotContain("warning");
        }
        assertThat(keys()).isEqualTo(1_500);
        try (JarProcess warm = JarProcess.start(env(), "warm-cache", "--top-by-trx", "700")) {
            assertThat(warm.awaitExit(LIMIT)).as(warm.output()).isZero();
            assertThat(warm.output()).contains("cached 700 recaps");
        }
        assertThat(keys()).isBetween(1_500L, 2_000L);
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(jedis.pttl("user:recap:42")).isBetween(3_000_000L, 4_000_000L);
        }
    }

    @Test
    void a_full_redis_is_reported_with_what_it_holds_and_who_was_evicted() throws Exception {
        long roomFor;
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            long used = Long.parseLong(jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                    .orElseThrow().substring("used_memory:".length()).strip());
            roomFor = used + 200_000;   // a few hundred recaps more than it holds now
            jedis.configSet("maxmemory", Long.toString(roomFor));
            jedis.configSet("maxmemory-policy", "allkeys-lru");
        }
        try (JarProcess warm = JarProcess.start(env(), "warm-cache", "--ids", "1-2000", "--batch", "100")) {
            assertThat(warm.awaitExit(LIMIT)).as(warm.output()).isZero();
            assertThat(warm.output()).contains("cached 2,000 recaps", "warning: Redis is full: it evicted ",
                    "the users warmed first before the others", "bytes per entry", "It holds about", "(README, Sizing)");
        }
        // (which ones went is Redis's approximated LRU, with a clock of one-second steps: over a warm-up of
        // minutes the first written go first; within the second this test takes, any may)
        assertThat(keys()).isLessThan(2_000);
    }

    @Test
    void wrong_use_is_one_clear_line() throws Exception {
        try (JarProcess both = JarProcess.start(env(), "warm-cache", "--ids", "1-10", "--top-by-trx", "5")) {
            assertThat(both.awaitExit(LIMIT)).isEqualTo(2);
            assertThat(both.output()).contains("forecap warm-cache:").doesNotContain("\tat ");
        }
        try (JarProcess bad = JarProcess.start(env(), "warm-cache", "--ids", "ten-twenty")) {
            assertThat(bad.awaitExit(LIMIT)).isEqualTo(2);
            assertThat(bad.output()).contains("--ids must look like FIRST-LAST");
        }
        Map<String, String> noRedis = env();
        noRedis.remove("REDIS_HOST");
        try (JarProcess missing = JarProcess.start(noRedis, "warm-cache", "--ids", "1-10")) {
            assertThat(missing.awaitExit(LIMIT)).isEqualTo(2);
            assertThat(missing.output()).contains("warm-cache needs Redis: set REDIS_HOST");
        }
        redis.kill();
        try (JarProcess down = JarProcess.start(env(), "warm-cache", "--ids", "1-10")) {
            assertThat(down.awaitExit(LIMIT)).isEqualTo(2);
            assertThat(down.output()).contains("cannot use Redis").doesNotContain("\tat ");
        }
    }
}
