package com.forecap.bootstrap.wiring;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.bootstrap.config.ConfigLoader;
import io.helidon.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the composed service writes on the wire, over raw sockets: {@code HEAD} framing with a pipelined
 * request behind it, 431 for oversized headers, request bodies over the limit whatever their framing,
 * {@code Connection: close}, and the refusals before routing in {@code /metrics}.
 */
class HttpFramingIT {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = LoopbackService.start(Map.of(), "forecap.embedded.users", "1000");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void head_answers_carry_a_get_s_content_length_and_no_body_so_a_pipelined_get_is_read_intact() throws Exception {
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write(RawHttp.recap("GET", 42));
            RawHttp.Response get = connection.read(false);
            assertThat(get.status()).isEqualTo(200);

            connection.write(RawHttp.recap("HEAD", 42) + RawHttp.recap("GET", 42));
            RawHttp.Response head = connection.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers().get("content-length")).isEqualTo(Integer.toString(get.body().length()));
            assertThat(head.headers().get("content-type")).isEqualTo(get.headers().get("content-type"));
            RawHttp.Response pipelined = connection.read(false);
            assertThat(pipelined.status()).as("the GET behind the HEAD starts right after its headers").isEqualTo(200);
            assertThat(pipelined.body()).isEqualTo(get.body());

            for (String path : new String[] {"/health/live", "/health/ready", "/metrics", "/openapi.yaml", "/nowhere"}) {
                connection.write("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\nGET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
                RawHttp.Response headOther = connection.read(true);
                assertThat(headOther.status()).as(path).isIn(200, 404);
                assertThat(Integer.parseInt(headOther.headers().get("content-length"))).as(path).isPositive();
                RawHttp.Response live = connection.read(false);
                assertThat(live.status()).as("after HEAD " + path).isEqualTo(200);
                assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
            }
            connection.write(RawHttp.recap("HEAD", 999_999) + RawHttp.recap("GET", 999_999));
            RawHttp.Response headMissing = connection.read(true);
            assertThat(headMissing.status()).isEqualTo(404);
            RawHttp.Response getMissing = connection.read(false);
            assertThat(getMissing.status()).isEqualTo(404);
            assertThat(headMissing.headers().get("content-length")).isEqualTo(Integer.toString(getMissing.body().length()));
        }
    }

    @Test
    void headers_over_8_kb_get_431_json_and_the_refusal_is_counted() throws Exception {
        double before = refused("headers_too_large");
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /api/user-data HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "p".repeat(8_300) + "\r\n\r\n");
            RawHttp.Response answer = connection.read(false);
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.body()).isEqualTo("{\"statusCode\":431,\"error\":\"Request Header Fields Too Large\","
                    + "\"message\":\"Request headers too large\"}");
            assertThat(answer.closes()).isTrue();
        }
        try (RawHttp connection = RawHttp.connect(service.port())) {
            StringBuilder many = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 200; i++) {
                many.append("X-Many-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
            }
            connection.write(many.append("\r\n").toString());
            assertThat(connection.read(false).status()).as("many small headers over 8 KB together").isEqualTo(431);
        }
        assertThat(refused("headers_too_large")).isEqualTo(before + 2);
    }

    @Test
    void a_get_body_over_4_kb_is_refused_whatever_its_framing_and_a_small_one_is_read_and_dropped() throws Exception {
        double before = refused("body_too_large");
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n" + "b".repeat(5000));
            RawHttp.Response answer = connection.read(false);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.closes()).isTrue();
        }
        assertThat(refused("body_too_large")).as("refused by the server before routing").isEqualTo(before + 1);
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1000\r\n" + "c".repeat(4096) + "\r\n" + "400\r\n" + "c".repeat(1024) + "\r\n0\r\n\r\n"
                    + "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response answer = connection.read(false);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("Request body too large");
            assertThat(answer.closes()).as("the client is told the connection ends").isTrue();
            assertThat(connection.closedWithin(2_000)).as("and it does end, after the answer").isTrue();
        }
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "10\r\n" + "d".repeat(16) + "\r\n0\r\n\r\n"
                    + "GET /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                RawHttp.Response answer = connection.read(false);
                assertThat(answer.status()).as("request %d", i).isEqualTo(200);
                assertThat(answer.closes()).isFalse();
            }
        }
    }

    @Test
    void a_request_asking_connection_close_gets_its_answer_and_then_the_socket_closes() throws Exception {
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            RawHttp.Response answer = connection.read(false);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.closes()).isTrue();
            assertThat(connection.closedWithin(2_000)).isTrue();
        }
    }

    @Test
    void malformed_request_lines_are_counted_as_refusals() throws Exception {
        double before = refused("bad_request");
        double longLines = refused("request_line_too_long");
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n");
            assertThat(connection.read(false).status()).isEqualTo(400);
        }
        try (RawHttp connection = RawHttp.connect(service.port())) {
            connection.write("GET /" + "a".repeat(3000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.read(false).status()).isEqualTo(414);
        }
        assertThat(refused("bad_request")).isEqualTo(before + 1);
        assertThat(refused("request_line_too_long")).isEqualTo(longLines + 1);
    }

    @Test
    void the_shipped_configuration_closes_idle_connections_after_60_s_checked_every_second() {
        Config config = ConfigLoader.load(Map.of(), Map.of());
        assertThat(config.get("server.idle-connection-timeout").asString().get()).isEqualTo("PT60S");
        assertThat(config.get("server.idle-connection-period").asString().get()).isEqualTo("PT1S");
        assertThat(config.get("forecap.http.head-timeout").asString().get()).isEqualTo("PT20S");
    }

    @Test
    void each_failed_check_has_its_own_fixed_401_message_as_the_readme_lists_them() throws Exception {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String ts = now.toString();
        String old = now.minusSeconds(3_600).toString();
        String ahead = now.plusSeconds(3_600).toString();
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("Missing authentication headers", "user_id: 1\r\nsign: x\r\n");
        requests.put("Invalid user_id", "timestamp: " + ts + "\r\nuser_id: 01\r\nsign: x\r\n");
        requests.put("Invalid timestamp format", "timestamp: yesterday\r\nuser_id: 1\r\nsign: x\r\n");
        requests.put("Request timestamp expired", "timestamp: " + old + "\r\nuser_id: 1\r\nsign: "
                + com.forecap.bootstrap.SignedClient.sign(old, "1") + "\r\n");
        requests.put("Request timestamp is in the future", "timestamp: " + ahead + "\r\nuser_id: 1\r\nsign: "
                + com.forecap.bootstrap.SignedClient.sign(ahead, "1") + "\r\n");
        requests.put("Invalid signature", "timestamp: " + ts + "\r\nuser_id: 1\r\nsign: "
                + com.forecap.bootstrap.SignedClient.sign(ts, "2") + "\r\n");
        requests.put("Repeated authentication header", "timestamp: " + ts + "\r\nuser_id: 1\r\nuser_id: 1\r\nsign: "
                + com.forecap.bootstrap.SignedClient.sign(ts, "1") + "\r\n");
        try (RawHttp connection = RawHttp.connect(service.port())) {
            for (Map.Entry<String, String> request : requests.entrySet()) {
                connection.write("GET /api/user-data HTTP/1.1\r\nHost: localhost\r\n" + request.getValue() + "\r\n");
                RawHttp.Response answer = connection.read(false);
                assertThat(answer.status()).as(request.getKey()).isEqualTo(401);
                assertThat(answer.body()).isEqualTo("{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":\""
                        + request.getKey() + "\"}");
            }
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..").resolve("README.md"));
        for (String message : requests.keySet()) {
            assertThat(readme).contains("`" + message + "`");
        }
    }

    @Test
    void the_dashboard_panel_for_refusals_reads_a_series_that_metrics_exposes_for_every_reason() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.nio.file.Path.of("..").resolve("observability/grafana/dashboards/forecap-api.json").toFile());
        java.util.List<String> expressions = new java.util.ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).contains("sum by (reason) (rate(http_refused_total[1m]))");
        for (String reason : com.forecap.adapter.in.http.JsonDirectHandler.REFUSAL_REASONS) {
            assertThat(refused(reason)).as(reason).isGreaterThanOrEqualTo(0);
        }
    }

    /** The current value of {@code http_refused_total{reason}}, read from an address no test floods. */
    static double refused(int port, String reason) throws Exception {
        try (RawHttp connection = RawHttp.connect(port, "127.0.0.9")) {
            connection.write("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String metrics = connection.read(false).body();
            Matcher matcher = Pattern.compile("(?m)^http_refused_total\\{reason=\"" + reason + "\"} ([0-9.E]+)$").matcher(metrics);
            assertThat(matcher.find()).as("series for %s", reason).isTrue();
            return Double.parseDouble(matcher.group(1));
        }
    }

    private static double refused(String reason) throws Exception {
        return refused(service.port(), reason);
    }
}
