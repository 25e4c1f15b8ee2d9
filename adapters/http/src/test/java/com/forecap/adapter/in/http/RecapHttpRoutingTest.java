package com.forecap.adapter.in.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.application.recap.port.in.GetUserRecapUseCase;
import com.forecap.application.recap.port.in.RecapUnavailableException;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.RecapOutcome;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class RecapHttpRoutingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicReference<GetUserRecapUseCase> USE_CASE = new AtomicReference<>();
    private static final AtomicReference<ComponentHealth> CACHE_HEALTH = new AtomicReference<>();
    private static final AtomicReference<ComponentHealth> DB_HEALTH = new AtomicReference<>();
    private static final Map<String, AtomicInteger> RECORDED = new ConcurrentHashMap<>();

    private final HttpClient client = HttpClient.newHttpClient();
    private final WebServer server;

    RecapHttpRoutingTest(WebServer server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        TestServers.jsonDirectHandlers(server);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        RecordRequestMetricsPort observer = (method, route) -> (status, nanos) ->
                RECORDED.computeIfAbsent(method + " " + route + " " + status, k -> new AtomicInteger()).incrementAndGet();
        RecapHttpRouting.configure(routing,
                new UserRecapHttpService(query -> USE_CASE.get().getUserRecap(query)),
                new OperationsHttpService(List.of(
                        new HealthIndicator("database", true, DB_HEALTH::get),
                        new HealthIndicator("redis", false, CACHE_HEALTH::get)),
                        accept -> new ScrapeMetricsPort.Scrape("text/plain; version=0.0.4; charset=utf-8",
                                "# metrics\n".getBytes(StandardCharsets.UTF_8)),
                        Clock.systemUTC()),
                observer, HttpPolicy.DEFAULT, () -> false);
    }

    @BeforeEach
    void reset() {
        USE_CASE.set(query -> new RecapOutcome.Found(UserId.parse(query.userId()).orElseThrow(),
                EncodedRecap.ofJson(("{\"userName\":\"U" + query.userId() + "\",\"trxCount\":1}").getBytes(StandardCharsets.UTF_8))));
        DB_HEALTH.set(ComponentHealth.up(Map.of("type", "memory")));
        CACHE_HEALTH.set(ComponentHealth.disabled());
        RECORDED.clear();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return MAPPER.readTree(response.body());
    }

    @Test
    void found_sends_the_encoded_bytes_as_json() throws Exception {
        HttpResponse<String> response = get("/api/user-data", "timestamp", "t", "user_id", "42", "sign", "s");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("userName").textValue()).isEqualTo("U42");
        assertThat(response.headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void the_use_case_receives_the_headers_as_sent() throws Exception {
        AtomicReference<GetUserRecapUseCase.GetUserRecapQuery> seen = new AtomicReference<>();
        USE_CASE.set(query -> {
            seen.set(query);
            return new RecapOutcome.Rejected(RejectionReason.INVALID_SIGNATURE);
        });
        get("/api/user-data", "timestamp", "2025-12-01T00:00:00.000Z", "user_id", "7", "sign", "abc=");
        assertThat(seen.get()).isEqualTo(new GetUserRecapUseCase.GetUserRecapQuery("2025-12-01T00:00:00.000Z", "7", "abc="));
        get("/api/user-data");
        assertThat(seen.get()).isEqualTo(new GetUserRecapUseCase.GetUserRecapQuery(null, null, null));
    }

    @Test
    void each_outcome_has_its_status_and_error_json() throws Exception {
        USE_CASE.set(query -> new RecapOutcome.NotFound(UserId.of(5)));
        HttpResponse<String> notFound = get("/api/user-data");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound).get("statusCode").intValue()).isEqualTo(404);
        assertThat(json(notFound).get("error").textValue()).isEqualTo("Not Found");

        USE_CASE.set(query -> new RecapOutcome.Rejected(RejectionReason.INVALID_SIGNATURE));
        HttpResponse<String> rejected = get("/api/user-data");
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.body()).isEqualTo("{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\"Invalid signature\"}");

        USE_CASE.set(query -> new RecapOutcome.Rejected(RejectionReason.CAMPAIGN_ENDED));
        assertThat(get("/api/user-data").statusCode()).isEqualTo(403);
    }

    @Test
    void an_unavailable_store_gives_503_with_retry_after() throws Exception {
        USE_CASE.set(query -> {
            throw new RecapUnavailableException("db down", null);
        });
        HttpResponse<String> response = get("/api/user-data");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).contains("1");
        assertThat(json(response).get("statusCode").intValue()).isEqualTo(503);
    }

    @Test
    void an_unexpected_failure_gives_500_json_without_details() throws Exception {
        USE_CASE.set(query -> {
            throw new IllegalStateException("SELECT secret FROM somewhere");
        });
        HttpResponse<String> response = get("/api/user-data");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("SELECT").doesNotContain("Exception").doesNotContain("at com.");
        assertThat(json(response).get("message").textValue()).isEqualTo("Internal server error");
    }

    @Test
    void a_repeated_auth_header_is_refused() throws Exception {
        HttpResponse<String> response = get("/api/user-data", "timestamp", "t", "user_id", "1", "user_id", "2", "sign", "s");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").textValue()).isEqualTo("Repeated authentication header");
    }

    @Test
    void head_is_answered_and_other_methods_get_405() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/user-data"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .headers("timestamp", "t", "user_id", "1", "sign", "s").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/user-data"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(json(post).get("statusCode").intValue()).isEqualTo(405);
    }

    @Test
    void a_trailing_slash_is_the_same_endpoint_counted_under_the_same_route() throws Exception {
        HttpResponse<String> plain = get("/api/user-data", "timestamp", "t", "user_id", "42", "sign", "s");
        HttpResponse<String> slash = get("/api/user-data/", "timestamp", "t", "user_id", "42", "sign", "s");
        assertThat(slash.statusCode()).isEqualTo(200);
        assertThat(slash.body()).isEqualTo(plain.body());
        assertThat(slash.headers().firstValue("content-type")).isEqualTo(plain.headers().firstValue("content-type"));
        assertThat(slash.headers().firstValue("cache-control")).contains("no-store");

        USE_CASE.set(query -> new RecapOutcome.Rejected(RejectionReason.INVALID_SIGNATURE));
        HttpResponse<String> rejected = get("/api/user-data/");
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.body()).isEqualTo(get("/api/user-data").body());

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/user-data/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(401);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/user-data/"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as(method).isEqualTo(405);
            assertThat(other.headers().firstValue("allow")).contains("GET, HEAD");
            assertThat(json(other).get("statusCode").intValue()).isEqualTo(405);
        }
        assertThat(get("/api/user-data//").statusCode()).as("the server normalises the path").isEqualTo(401);
        assertThat(get("/api/user-data/x").statusCode()).isEqualTo(404);

        assertThat(recorded(12)).containsOnlyKeys("GET /api/user-data 200", "GET /api/user-data 401", "HEAD /api/user-data 401",
                "POST /api/user-data 405", "PUT /api/user-data 405", "PATCH /api/user-data 405",
                "DELETE /api/user-data 405", "OPTIONS /api/user-data 405", "GET unmatched 404");
        assertThat(RECORDED.get("GET /api/user-data 200")).hasValue(2);
        assertThat(RECORDED.get("GET /api/user-data 401")).hasValue(3);
    }

    @Test
    void the_openapi_description_is_served_as_yaml_under_its_own_route() throws Exception {
        HttpResponse<String> response = get("/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/yaml"));
        assertThat(response.body()).startsWith("openapi: 3.").contains("/api/user-data:");
        assertThat(recorded(1)).containsOnlyKeys("GET /openapi.yaml 200");
    }

    @Test
    void unknown_paths_get_404_json() throws Exception {
        for (String path : List.of("/", "/api", "/api/user-data/1", "/x?y=%00", "/health/other")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("message").textValue()).isEqualTo("Route not found");
        }
    }

    @Test
    void health_reports_each_dependency_and_degrades_without_failing_on_a_non_critical_one() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode upJson = json(up);
        assertThat(upJson.get("status").textValue()).isEqualTo("UP");
        assertThat(upJson.at("/database/status").textValue()).isEqualTo("UP");
        assertThat(upJson.at("/database/type").textValue()).isEqualTo("memory");
        assertThat(upJson.at("/redis/status").textValue()).isEqualTo("DISABLED");

        CACHE_HEALTH.set(ComponentHealth.down("connection refused"));
        HttpResponse<String> degraded = get("/health");
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(json(degraded).get("status").textValue()).isEqualTo("DEGRADED");

        DB_HEALTH.set(ComponentHealth.down("timeout"));
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("status").textValue()).isEqualTo("DOWN");
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void a_throwing_health_check_counts_as_down() throws Exception {
        DB_HEALTH.set(null);
        HttpResponse<String> response = get("/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/database/status").textValue()).isEqualTo("DOWN");
    }

    @Test
    void metrics_serves_the_scrape_text() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).isEqualTo("# metrics\n");
    }

    @Test
    void every_routed_request_is_recorded_with_bounded_labels() throws Exception {
        get("/api/user-data", "timestamp", "t", "user_id", "1", "sign", "s");
        get("/no/such/path/" + System.nanoTime());
        USE_CASE.set(query -> {
            throw new IllegalStateException("boom");
        });
        get("/api/user-data");
        assertThat(recorded(3)).containsOnlyKeys("GET /api/user-data 200", "GET unmatched 404", "GET /api/user-data 500");
    }

    @Test
    void a_malformed_request_gets_json_not_a_stack_trace() throws Exception {
        String answer = raw("GET /api/user-data HTTP/1.1\r\nHost: localhost\r\nbad header line\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("application/json").contains("\"statusCode\":400").doesNotContain("Exception");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder text = new StringBuilder();
            int read;
            while (!text.toString().contains("}") && (read = in.read(buffer)) > 0) {
                text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            return text.toString();
        }
    }

    /**
     * The recorded requests once {@code requests} of them are in (at most 5 s): a request is recorded after its
     * answer has gone out, so the client can see the answer first.
     */
    private static Map<String, AtomicInteger> recorded(int requests) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (RECORDED.values().stream().mapToInt(AtomicInteger::get).sum() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return RECORDED;
    }
}
