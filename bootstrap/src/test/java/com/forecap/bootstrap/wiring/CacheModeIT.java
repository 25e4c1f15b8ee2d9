package com.forecap.bootstrap.wiring;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import com.forecap.bootstrap.SignedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL behind Redis (a private server the test kills) behind the near cache, over real HTTP. */
class CacheModeIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static PrivateRedisServer redis;
    private static RunningService service;
    private static SignedClient signed;

    @BeforeAll
    static void start() {
        DATABASE.withUsers(3_000);
        redis = PrivateRedisServer.start();
        Map<String, String> environment = DATABASE.environment();
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(redis.port()));
        // one test client reads hundreds of users: no enumeration budget
        service = LoopbackService.start(environment, "forecap.http.user-budget", "0",
                "forecap.cache.local.ttl", "PT0.2S", "forecap.redis.breaker-open-for", "PT0.5S");
        signed = new SignedClient(service.port());
    }

    @AfterAll
    static void stop() {
        service.close();
        redis.close();
        DATABASE.close();
    }

    private static HttpResponse<String> recap(long id) throws Exception {
        return signed.recap(id);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return signed.get(path);
    }

    private static double metric(String name, String labels) throws Exception {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.eE+-]+)$")
                .matcher(get("/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void both_cache_layers_answer_and_are_counted() throws Exception {
        assertThat(service.description()).contains("redis=127.0.0.1:" + redis.port()).contains("near-cache=");
        double localHits = metric("cache_hits_total", "cache_type=\"local\"");
        double redisHits = metric("cache_hits_total", "cache_type=\"redis\"");
        String first = recap(2_500).body();
        // the near cache keeps a user asked for a second time, and serves the third request
        assertThat(recap(2_500).body()).isEqualTo(first);
        assertThat(recap(2_500).body()).isEqualTo(first);
        assertThat(metric("cache_hits_total", "cache_type=\"local\"")).isGreaterThan(localHits);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (metric("cache_hits_total", "cache_type=\"redis\"") == redisHits && System.nanoTime() < deadline) {
            assertThat(recap(2_500).body()).isEqualTo(first);
        }
        assertThat(metric("cache_hits_total", "cache_type=\"redis\"")).as("served from Redis once the near cache expired")
                .isGreaterThan(redisHits);
        assertThat(get("/metrics").body()).contains("cache_operation_duration_seconds_bucket{cache_type=\"redis\",operation=\"get\"");
    }

    @Test
    void killing_redis_mid_traffic_fails_no_request_and_health_degrades_then_recovers() throws Exception {
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int offset = t;
                statuses.add(threads.submit(() -> {
                    int failures = 0;
                    for (int i = 0; i < 150; i++) {
                        if (offset == 0 && i == 40) {
                            redis.kill();
                        }
                        if (recap(1 + (offset * 150 + i) % 3_000).statusCode() != 200) {
                            failures++;
                        }
                    }
                    return failures;
                }));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).as("non-200 answers while Redis died").isZero();
            }
        }
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(health.body());
        assertThat(json.get("status").textValue()).isEqualTo("DEGRADED");
        assertThat(json.at("/redis/status").textValue()).isEqualTo("DOWN");
        assertThat(json.at("/database/status").textValue()).isEqualTo("UP");

        redis.restart();
        double hits = metric("cache_hits_total", "cache_type=\"redis\"");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (metric("cache_hits_total", "cache_type=\"redis\"") <= hits && System.nanoTime() < deadline) {
            assertThat(recap(77).statusCode()).isEqualTo(200);
        }
        assertThat(metric("cache_hits_total", "cache_type=\"redis\"")).as("caching resumed by itself").isGreaterThan(hits);
        assertThat(MAPPER.readTree(get("/health").body()).get("status").textValue()).isEqualTo("UP");
    }
}
