package com.forecap.adapter.in.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.RecapOutcome;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class CorsAndRequestIdTest {

    private static final String APP = "https://app.forecap.example";
    private static final BlockingQueue<LogRecord> ACCESS = new LinkedBlockingQueue<>();

    private final HttpClient client = HttpClient.newHttpClient();
    private final WebServer server;

    CorsAndRequestIdTest(WebServer server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Logger.getLogger("forecap.access").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                ACCESS.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        RecapHttpRouting.configure(routing,
                new UserRecapHttpService(query -> new RecapOutcome.Found(UserId.of(1),
                        EncodedRecap.ofJson("{\"userName\":\"A\",\"trxCount\":1}".getBytes(StandardCharsets.UTF_8)))),
                new OperationsHttpService(List.of(), accept -> new ScrapeMetricsPort.Scrape("text/plain", new byte[0]),
                        Clock.systemUTC()),
                RecordRequestMetricsPort.NONE, new HttpPolicy(Set.of(APP), true), () -> false);
    }

    private HttpResponse<String> send(String method, String... headers) throws Exception {
        return sendTo(method, "/api/user-data", headers);
    }

    private HttpResponse<String> sendTo(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_allowed_origin_is_echoed_and_its_preflight_answered() throws Exception {
        HttpResponse<String> get = send("GET", "Origin", APP, "sign", "secret-sign-value");
        assertThat(get.headers().firstValue("access-control-allow-origin")).contains(APP);
        assertThat(get.headers().firstValue("vary")).contains("Origin");
        HttpResponse<String> preflight = send("OPTIONS", "Origin", APP, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "timestamp,user_id,sign");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValueSatisfying(v ->
                assertThat(v).contains("timestamp").contains("user_id").contains("sign"));
        HttpResponse<String> slashPreflight = sendTo("OPTIONS", "/api/user-data/", "Origin", APP,
                "Access-Control-Request-Method", "GET");
        assertThat(slashPreflight.statusCode()).isEqualTo(204);
        assertThat(slashPreflight.headers().firstValue("access-control-allow-methods")).contains("GET, HEAD");
    }

    @Test
    void any_other_origin_gets_no_cors_headers() throws Exception {
        HttpResponse<String> get = send("GET", "Origin", "https://evil.example");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(send("OPTIONS", "Origin", "https://evil.example", "Access-Control-Request-Method", "GET").statusCode())
                .isEqualTo(405);
    }

    @Test
    void every_answer_carries_a_request_id_and_a_safe_one_is_kept() throws Exception {
        assertThat(send("GET").headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{16}"));
        assertThat(send("GET", "X-Request-Id", "trace-42").headers().firstValue("x-request-id")).contains("trace-42");
        assertThat(send("GET", "X-Request-Id", "bad id with spaces").headers().firstValue("x-request-id"))
                .hasValueSatisfying(v -> assertThat(v).isNotEqualTo("bad id with spaces"));
    }

    @Test
    void the_access_log_is_structured_and_never_holds_the_signature() throws Exception {
        ACCESS.clear();
        send("GET", "X-Request-Id", "log-me", "sign", "super-secret-sign");
        // the line is written once the answer has gone out, so it may come after the client has it
        LogRecord logged;
        do {
            logged = ACCESS.poll(5, TimeUnit.SECONDS);
        } while (logged != null && !String.valueOf(logged.getParameters()[0]).contains("request_id=log-me"));
        assertThat(logged).as("the access-log line of the request").isNotNull();
        assertThat(logged.getParameters()).hasSize(1);
        assertThat(logged.getParameters()[0]).asString().contains("status=200").contains("path=/api/user-data")
                .doesNotContain("super-secret-sign");
    }
}
