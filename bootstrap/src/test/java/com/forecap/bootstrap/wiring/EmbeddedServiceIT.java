package com.forecap.bootstrap.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as composed by bootstrap, on the embedded store, over real HTTP. */
class EmbeddedServiceIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int USERS = 1000;
    private static RunningService service;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        service = LoopbackService.start(Map.of(), "forecap.embedded.users", Integer.toString(USERS));
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String sign(String timestamp, String userId) {
        return Base64.getEncoder().encodeToString((timestamp + "forecap2025" + userId).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> recap(String timestamp, String userId, String sign) throws Exception {
        return get("/api/user-data", "timestamp", timestamp, "user_id", userId, "sign", sign);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("statusCode").intValue()).isEqualTo(status);
        assertThat(json.get("message").textValue()).isEqualTo(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void the_guides_shell_recipe_gets_user_1() throws Exception {
        String timestamp = now();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "echo -n \"${TIMESTAMP}forecap2025${USER_ID}\" | base64");
        builder.environment().put("TIMESTAMP", timestamp);
        builder.environment().put("USER_ID", "1");
        Process process = builder.start();
        String sign = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).isZero();

        HttpResponse<String> response = recap(timestamp, "1", sign);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("userName").textValue()).isNotBlank();
        assertThat(json.get("trxCount").isInt()).isTrue();
        json.fields().forEachRemaining(field -> assertThat(field.getValue().isNull()).as(field.getKey()).isFalse());
    }

    @Test
    void millisecond_timestamps_are_accepted_too() throws Exception {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        assertThat(recap(timestamp, "42", sign(timestamp, "42")).statusCode()).isEqualTo(200);
    }

    @Test
    void every_bad_credential_is_a_401_json() throws Exception {
        String ts = now();
        assertError(recap(ts, "1", sign(ts, "2")), 401, "Invalid signature");
        assertError(recap(ts, "1", "not-base64!"), 401, "Invalid signature");
        String stale = Instant.now().minus(11, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        assertError(recap(stale, "1", sign(stale, "1")), 401, "Request timestamp expired");
        String future = Instant.now().plus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        assertError(recap(future, "1", sign(future, "1")), 401, "Request timestamp is in the future");
        assertError(get("/api/user-data", "timestamp", ts, "user_id", "1"), 401, "Missing authentication headers");
        assertError(get("/api/user-data", "user_id", "1", "sign", sign(ts, "1")), 401, "Missing authentication headers");
        assertError(get("/api/user-data"), 401, "Missing authentication headers");
        for (String id : List.of("abc", "-1", "99999999999", "0", "1.5", "+1", "0x10", "4294967296")) {
            assertError(recap(ts, id, sign(ts, id)), 401, "Invalid user_id");
        }
        assertError(recap("yesterday", "1", sign("yesterday", "1")), 401, "Invalid timestamp format");
    }

    @Test
    void a_user_beyond_the_data_set_is_a_404_json() throws Exception {
        String ts = now();
        String id = Integer.toString(USERS + 1);
        assertError(recap(ts, id, sign(ts, id)), 404, "User recap not found");
        assertError(recap(ts, "4294967295", sign(ts, "4294967295")), 404, "User recap not found");
        assertThat(recap(ts, Integer.toString(USERS), sign(ts, Integer.toString(USERS))).statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_paths_are_404_json() throws Exception {
        assertError(get("/api/users"), 404, "Route not found");
    }

    @Test
    void health_is_200_json_with_database_and_redis() throws Exception {
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = MAPPER.readTree(response.body());
        assertThat(json.get("status").textValue()).isEqualTo("UP");
        assertThat(json.at("/database/status").textValue()).isEqualTo("UP");
        assertThat(json.at("/database/users").textValue()).isEqualTo(Integer.toString(USERS));
        assertThat(json.at("/redis/status").textValue()).isEqualTo("DISABLED");
    }

    @Test
    void metrics_is_valid_prometheus_text_with_the_contract_metrics() throws Exception {
        String ts = now();
        recap(ts, "5", sign(ts, "5"));
        recap(ts, "5", "wrong");
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
                + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( [0-9]+)?");
        Pattern comment = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                assertThat(sample.matcher(line).matches() || comment.matcher(line).matches()).as(line).isTrue();
            }
        }
        assertThat(response.body())
                .contains("# TYPE http_requests_total counter")
                .contains("# TYPE http_request_duration_seconds histogram")
                .contains("http_requests_total{method=\"GET\",route=\"/api/user-data\",status=\"200\"}")
                .contains("http_requests_total{method=\"GET\",route=\"/api/user-data\",status=\"401\"}")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/user-data\",status=\"200\",le=\"0.005\"}")
                .contains("http_request_errors_total{error_type=\"unauthorized\",method=\"GET\",route=\"/api/user-data\"}");
    }
}
