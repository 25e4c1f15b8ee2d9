package com.forecap.bootstrap.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSchema;
import com.forecap.adapter.out.mysql.MySqlTestDataStore;
import com.forecap.adapter.out.mysql.testing.PrivateMariaDb;
import com.forecap.adapter.out.redis.testing.RedisTesting;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.testdata.service.GenerateTestDataService;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.SignedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/** A private MariaDB killed under the service: cached users keep 200, misses get a fast 503, then recovery. */
class DatabaseOutageIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String PREFIX = RedisTesting.uniquePrefix();
    private static PrivateMariaDb mariadb;
    private static RunningService service;
    private static SignedClient signed;

    @BeforeAll
    static void start() {
        mariadb = PrivateMariaDb.start();
        new MySqlSchema(mariadb.settings("forecap_db", 2)).migrate();
        try (MySqlConnections tools = MySqlConnections.forTools(mariadb.settings("forecap_db", 2), 2)) {
            new GenerateTestDataService(new MySqlTestDataStore(tools, new JacksonRecapJson()),
                    new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED), ReportProgressPort.NONE, 1_000)
                    .generate(new GenerateTestDataCommand(IdRange.startingAt(1, 2_000), 2, false));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("MYSQL_HOST", "127.0.0.1");
        environment.put("MYSQL_PORT", Integer.toString(mariadb.port()));
        environment.put("MYSQL_USER", "root");
        environment.put("MYSQL_SSL_MODE", "DISABLED");
        environment.put("REDIS_HOST", RedisTesting.SHARED_NODE.split(":")[0]);
        environment.put("REDIS_PORT", RedisTesting.SHARED_NODE.split(":")[1]);
        service = LoopbackService.start(environment,
                "forecap.redis.key-prefix", PREFIX, "forecap.cache.local.ttl", "PT0.1S",
                "forecap.mysql.connection-timeout", "PT0.5S");
        signed = new SignedClient(service.port());
    }

    @AfterAll
    static void stop() {
        service.close();
        mariadb.close();
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            jedis.keys(PREFIX + "*").forEach(jedis::del);
        }
    }

    private static HttpResponse<String> recap(long id) throws Exception {
        return signed.recap(id);
    }

    @Test
    void cached_users_are_served_misses_fail_fast_and_service_recovers() throws Exception {
        for (long id = 1; id <= 100; id++) {
            assertThat(recap(id).statusCode()).isEqualTo(200);
        }
        mariadb.kill();

        for (long id = 1; id <= 100; id++) {
            assertThat(recap(id).statusCode()).as("cached user %d while MySQL is down", id).isEqualTo(200);
        }
        for (long id = 1_000; id < 1_010; id++) {
            assertThat(recap(id).statusCode()).isEqualTo(503);
        }
        for (long id = 1_010; id < 1_060; id++) {
            long start = System.nanoTime();
            HttpResponse<String> response = recap(id);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("retry-after")).isPresent();
            assertThat(response.body()).contains("\"statusCode\":503").doesNotContain("SQL").doesNotContain("Exception");
            // far below the wait budget and connection timeout (seconds): the open circuit answers without waiting
            assertThat(took).as("miss %d answered fast", id).isLessThan(Duration.ofMillis(300));
        }
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"database\":{\"status\":\"DOWN\"");

        mariadb.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = recap(1_500).statusCode();
        }
        assertThat(status).as("misses served again after MySQL came back").isEqualTo(200);
    }
}
