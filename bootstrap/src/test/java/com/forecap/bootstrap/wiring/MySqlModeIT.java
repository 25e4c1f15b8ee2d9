package com.forecap.bootstrap.wiring;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.SignedClient;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The composed service serving from MySQL (the local MariaDB), over real HTTP. */
class MySqlModeIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static final SyntheticRecaps SYNTHETIC = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private static RunningService service;
    private static SignedClient signed;

    @BeforeAll
    static void start() {
        DATABASE.withUsers(2_000);
        Map<String, String> environment = DATABASE.environment();
        environment.put("MYSQL_CONNECTION_LIMIT", "4");
        service = LoopbackService.start(environment);
        signed = new SignedClient(service.port());
    }

    @AfterAll
    static void stop() {
        service.close();
        DATABASE.close();
    }

    private static HttpResponse<String> recap(long id) throws Exception {
        return signed.recap(id);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return signed.get(path);
    }

    @Test
    void starts_in_mysql_mode_from_the_original_variables() {
        assertThat(service.description()).contains("mode=mysql").contains("database=" + DATABASE.name()).contains("pool=4");
    }

    @Test
    void serves_the_same_recap_as_the_embedded_store_and_404_beyond_the_data() throws Exception {
        HttpResponse<String> response = recap(1_234);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new String(new JacksonRecapJson().encode(SYNTHETIC.recapOf(UserId.of(1_234))).json(),
                StandardCharsets.UTF_8));
        HttpResponse<String> missing = recap(2_001);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(missing.body()).get("message").textValue()).isEqualTo("User recap not found");
    }

    @Test
    void health_reports_the_database_and_metrics_the_queries_and_pool() throws Exception {
        recap(5);
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(health.body());
        assertThat(json.at("/database/status").textValue()).isEqualTo("UP");
        assertThat(json.at("/database/type").textValue()).isEqualTo("mysql");
        assertThat(json.at("/database/database").textValue()).isEqualTo(DATABASE.name());

        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("db_query_duration_seconds_bucket{query_type=\"select\",table=\"user_recap_data\",le=\"0.005\"}")
                .containsPattern("db_connection_pool_size [1-4]\\.0")
                .containsPattern("db_connection_pool_active \\d")
                .containsPattern("db_connection_pool_idle \\d");
    }
}
