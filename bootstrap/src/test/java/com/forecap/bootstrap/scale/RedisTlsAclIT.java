package com.forecap.bootstrap.scale;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.bootstrap.JarProcess;
import com.forecap.bootstrap.SignedClient;
import com.forecap.bootstrap.wiring.LoopbackService;
import com.forecap.bootstrap.wiring.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis over TLS (a certificate authority made by the test, trusted through {@code REDIS_TLS_CA_FILE},
 * host name checked) as an ACL user restricted to the commands and keys the service needs: the service,
 * its lock and wake-ups and warm-cache work fully (the server's {@code ACL LOG} stays empty), anything
 * else is refused.
 */
class RedisTlsAclIT {

    /** The ACL rule the README gives (without the password part). */
    static final String ACL_RULE = "on ~user:recap:* resetchannels -@all +get +mget +set +del +eval +rpush "
            + "+pexpire +blpop +ping +client|setname +cluster|slots";
    private static final String PASSWORD = "s3cret-forecap-acl";
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static TestCertificates certificates;
    private static Path directory;
    private static Process redis;
    private static int tlsPort;
    private static int adminPort;

    @BeforeAll
    static void start() throws Exception {
        Engines.require("redis-server", "redis-server");
        DATABASE.withUsers(300);
        certificates = TestCertificates.create();
        directory = Files.createTempDirectory("forecap-redis-tls-");
        tlsPort = JarProcess.freePort();
        adminPort = JarProcess.freePort();
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(adminPort), "--tls-port", Integer.toString(tlsPort),
                "--bind", "127.0.0.1", "--tls-cert-file", certificates.serverCert().toString(),
                "--tls-key-file", certificates.serverKey().toString(), "--tls-ca-cert-file", certificates.ca().toString(),
                "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Jedis admin = new Jedis("127.0.0.1", adminPort, 200)) {
                admin.ping();
                admin.aclSetUser("forecap", (ACL_RULE + " >" + PASSWORD).split(" "));
                break;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Engines.pause(50);
            }
        }
    }

    @AfterAll
    static void stop() {
        Engines.kill(redis);
        Engines.delete(directory);
        if (certificates != null) {
            certificates.delete();
        }
        DATABASE.close();
    }

    private static Map<String, String> environment(String caFile) {
        Map<String, String> environment = DATABASE.environment();
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(tlsPort));
        environment.put("REDIS_TLS", "true");
        environment.put("REDIS_TLS_CA_FILE", caFile);
        environment.put("REDIS_USERNAME", "forecap");
        environment.put("REDIS_PASSWORD", PASSWORD);
        return environment;
    }

    @Test
    void the_service_and_warm_cache_work_over_tls_as_the_restricted_user() throws Exception {
        try (Jedis admin = new Jedis("127.0.0.1", adminPort, 2_000)) {
            admin.aclLogReset();
        }
        try (Jedis setup = new Jedis("127.0.0.1", adminPort, 2_000)) {
            setup.auth("forecap", PASSWORD);
            assertThat(setup.ping()).isEqualTo("PONG");
        }
        RunningService service = LoopbackService.start(environment(certificates.ca().toString()),
                "forecap.cache.local.enabled", "false");
        try {
            SignedClient client = new SignedClient(service.port());
            assertThat(service.description()).contains("redis=127.0.0.1:" + tlsPort);
            // a miss (lock, load, write, release, wake-up), then a hit
            assertThat(client.recap(42).statusCode()).isEqualTo(200);
            assertThat(client.recap(42).statusCode()).isEqualTo(200);
            // many at once for one uncached user: the others wait on the wake-up list (BLPOP)
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.recap(77);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            pool.shutdown();
            // batched lookups (MGET) of cached users
            for (int round = 0; round < 3; round++) {
                for (long id = 1; id <= 50; id++) {
                    assertThat(client.recap(id).statusCode()).isEqualTo(200);
                }
            }
            HttpResponse<String> health = client.get("/health");
            assertThat(health.body()).contains("\"redis\"").doesNotContain("DOWN").contains("CLOSED");
        } finally {
            service.close();
        }
        try (JarProcess warm = JarProcess.start(environment(certificates.ca().toString()), "warm-cache", "--ids", "100-300")) {
            assertThat(warm.awaitExit(Duration.ofSeconds(120))).as(warm.output()).isZero();
            assertThat(warm.output()).contains("cached 201 recaps");
        }
        try (Jedis jedis = new Jedis("127.0.0.1", adminPort, 2_000)) {
            jedis.auth("forecap", PASSWORD);
            assertThat(jedis.get("user:recap:42")).isNotNull();
            assertThat(jedis.get("user:recap:250")).isNotNull();
            assertThat(jedis.get("user:recap:77:lock")).isNull();
        }
        try (Jedis admin = new Jedis("127.0.0.1", adminPort, 2_000)) {
            assertThat(admin.aclLog()).as("commands the ACL refused").isEmpty();
        }
    }

    @Test
    void the_restricted_user_cannot_do_anything_else() {
        try (Jedis admin = new Jedis("127.0.0.1", adminPort, 2_000)) {
            admin.aclLogReset();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", adminPort, 2_000)) {
            jedis.auth("forecap", PASSWORD);
            assertThatThrownBy(() -> jedis.set("session:1", "x")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.get("other")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(jedis::flushAll).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.keys("*")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.configGet("*")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.exists("user:recap:1")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> jedis.eval("return redis.call('set', KEYS[1], 'x')", 1, "session:2"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void an_untrusted_certificate_is_refused_and_the_service_still_answers_from_mysql() throws Exception {
        var settings = RecapFixtures.redis(List.of("127.0.0.1:" + tlsPort), false, "forecap", PASSWORD, true,
                certificates.otherCa().toString());
        try (RedisConnections untrusted = RedisConnections.create(settings)) {
            assertThat(untrusted.ping()).isNotNull().containsIgnoringCase("certification path");
        }
        var jvmDefault = RecapFixtures.redis(List.of("127.0.0.1:" + tlsPort), false, "forecap", PASSWORD, true, null);
        try (RedisConnections defaults = RedisConnections.create(jvmDefault)) {
            assertThat(defaults.ping()).as("the JVM's own authorities do not know the test CA").isNotNull();
        }
        var trusted = RecapFixtures.redis(List.of("localhost:" + tlsPort), false, "forecap", PASSWORD, true,
                certificates.ca().toString());
        try (RedisConnections byName = RedisConnections.create(trusted)) {
            assertThat(byName.ping()).as("host name localhost is in the certificate").isNull();
        }
        RunningService service = LoopbackService.start(environment(certificates.otherCa().toString()));
        try {
            SignedClient client = new SignedClient(service.port());
            assertThat(client.recap(5).statusCode()).isEqualTo(200);
            assertThat(client.get("/health").body()).contains("\"redis\"").contains("DOWN");
        } finally {
            service.close();
        }
    }
}
