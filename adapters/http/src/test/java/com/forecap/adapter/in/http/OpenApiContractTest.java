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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.forecap.application.fakes.FakeRecapStore;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.RecordRefusalMetricsPort;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.application.recap.port.in.RecapUnavailableException;
import com.forecap.application.recap.service.GetUserRecapService;
import com.forecap.domain.auth.Authentication;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.FreshnessWindow;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.TokenVerifier;
import com.forecap.domain.user.UserId;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The description served at {@code /openapi.yaml} parses cleanly and describes what the running server
 * really answers: live requests and answers are checked against it with an OpenAPI validator. The recap
 * path runs the real authentication (legacy scheme) over a fake store.
 */
@ServerTest
class OpenApiContractTest {

    private static final String SECRET = "forecap2025";
    private static final long KNOWN = 42;
    private static final long NEWCOMER = 43;
    private static final long UNAVAILABLE = 7;
    private static final long FAILING = 8;
    /** A recap at the edges of what the schema admits, with list values an export might write. */
    private static final String FULL_RECAP = """
            {"userName":"Budi Santoso","trxCount":4294967295,"variantCount":10,"totalPoint":4294967295,\
            "totalPointDescription":"You collected 4,294,967,295 points","totalPointPossibleRedeem":171798691,\
            "totalPointProductName":"Aren Latte","totalPointImage":"https://cdn.example/p.png","deliveryCount":0,\
            "pickupCount":4294967295,"cheaperSubsDesc":"325rb Rupiah","cheaperSubsAmount":9999999999.99,\
            "topRanking":1,"listCircularImages":["https://cdn.example/1.png",null,{"url":"x"}],\
            "listProductFavorite":[{"productName":"Aren Latte","countCups":1.5,"productImage":"https://cdn.example/a.png",\
            "sku":"A-1","tags":["hot"],"nested":{"k":1}},null,{"productName":"Espresso","countCups":25}],\
            "listFavoriteStore":[{"storeName":"Fore Grand Indonesia","transactionCount":30.0,"storeImage":null,\
            "geo":{"lat":-6.19,"lon":106.82}},null]}""";

    private static final FakeRecapStore STORE = new FakeRecapStore()
            .with(KNOWN, FULL_RECAP)
            .with(NEWCOMER, "{\"userName\":\"Sari Dewi\",\"trxCount\":0}");

    private static volatile OpenApiInteractionValidator validator;
    private static volatile OpenAPI api;

    private final HttpClient client = HttpClient.newHttpClient();
    private final WebServer server;

    OpenApiContractTest(WebServer server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        TestServers.jsonDirectHandlers(server);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing(routing, new UserRecapHttpService(useCase()));
    }

    /** The routing of the service under test, with a recap endpoint of its own. */
    private static void routing(HttpRouting.Builder routing, UserRecapHttpService recaps) {
        RecapHttpRouting.configure(routing, recaps,
                new OperationsHttpService(List.of(
                        new HealthIndicator("database", true, () -> ComponentHealth.up(Map.of("type", "memory"))),
                        new HealthIndicator("redis", false, ComponentHealth::disabled)),
                        accept -> new ScrapeMetricsPort.Scrape("text/plain; version=0.0.4; charset=utf-8",
                                "# TYPE x counter\nx_total 1.0\n".getBytes(StandardCharsets.UTF_8)),
                        Clock.systemUTC()),
                RecordRequestMetricsPort.NONE, HttpPolicy.DEFAULT, () -> false);
    }

    private static GetUserRecapService useCase() {
        RequestAuthenticator authenticator = new RequestAuthenticator(new LegacySignatureScheme(SECRET),
                FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS);
        return new GetUserRecapService(authenticator, userId -> {
            if (userId.value() == UNAVAILABLE) {
                throw new RecapUnavailableException("store down", null);
            }
            if (userId.value() == FAILING) {
                throw new IllegalStateException("unexpected");
            }
            return STORE.loadUserRecap(userId);
        }, Clock.systemUTC());
    }

    // ---- the document itself

    @Test
    void the_served_document_is_the_stored_one_and_parses_without_errors() throws Exception {
        HttpResponse<String> response = send("GET", "/openapi.yaml", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        try (InputStream stored = OpenApiHttpService.class.getResourceAsStream(OpenApiHttpService.RESOURCE)) {
            assertThat(stored).isNotNull();
            assertThat(response.body()).isEqualTo(new String(stored.readAllBytes(), StandardCharsets.UTF_8));
        }

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI document = parsed.getOpenAPI();
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getPaths()).containsOnlyKeys("/api/user-data", "/health", "/health/ready",
                "/health/live", "/metrics", "/openapi.yaml");
        assertThat(document.getPaths().get("/api/user-data").getGet().getResponses())
                .containsKeys("200", "401", "403", "404", "414", "431", "500", "503");
        assertThat(document.getPaths().get("/api/user-data").getPost().getResponses()).containsKey("405");
        assertThat(document.getComponents().getResponses().get("Unavailable").getHeaders()).containsKey("Retry-After");
        assertThat(document.getComponents().getSchemas().get("UserRecap").getRequired())
                .containsExactlyInAnyOrder("userName", "trxCount");
    }

    // ---- the recap endpoint

    @Test
    void a_recap_with_every_field_at_its_edges_matches_the_description() throws Exception {
        assertValid(signedGet("/api/user-data", KNOWN), 200);
        assertValid(signedGet("/api/user-data", NEWCOMER), 200);
    }

    @Test
    void the_trailing_slash_spelling_matches_the_description() throws Exception {
        assertValid(signedGet("/api/user-data/", KNOWN), 200);
    }

    @Test
    void missing_headers_give_a_described_401() throws Exception {
        Exchange exchange = exchange("GET", "/api/user-data", Map.of());
        assertThat(exchange.response().statusCode()).isEqualTo(401);
        assertNoErrors(validator().validateResponse("/api/user-data", Request.Method.GET, exchange.validatorResponse()));
        assertThat(validator().validateRequest(exchange.validatorRequest()).hasErrors())
                .as("the description requires the three headers").isTrue();
    }

    @Test
    void a_bad_signature_gives_a_described_401() throws Exception {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        assertValid(exchange("GET", "/api/user-data", Map.of("timestamp", timestamp, "user_id", "42",
                "sign", Base64.getEncoder().encodeToString("not the signature".getBytes(StandardCharsets.UTF_8)))), 401);
    }

    @Test
    void a_client_over_its_user_budget_gets_a_described_429() throws Exception {
        ClientUserBudget oneUser = new ClientUserBudget(new HttpPolicy.UserBudgetPolicy(1, Duration.ofMinutes(1),
                List.of(), false), RecordRefusalMetricsPort.NONE);
        WebServer limited = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing(routing, new UserRecapHttpService(useCase(), oneUser))).build().start();
        try {
            assertValid(signedGet(limited.port(), "/api/user-data", KNOWN), 200);
            Exchange over = signedGet(limited.port(), "/api/user-data", NEWCOMER);
            assertValid(over, 429);
            assertThat(over.response().headers().firstValue("retry-after")).isPresent();
        } finally {
            limited.stop();
        }
    }

    @Test
    void a_token_only_deployments_answers_are_described() throws Exception {
        TokenVerifier tokens = token -> "good".equals(token) ? new Authentication.Accepted(UserId.of(KNOWN))
                : new Authentication.Refused(RejectionReason.INVALID_TOKEN);
        GetUserRecapService tokensOnly = new GetUserRecapService(new RequestAuthenticator(Optional.empty(),
                Optional.of(tokens), FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS), STORE, Clock.systemUTC());
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing(routing, new UserRecapHttpService(tokensOnly))).build().start();
        try {
            Map<Map<String, String>, Integer> cases = Map.of(
                    Map.of(), 401,
                    Map.of("Authorization", "Bearer forged"), 401,
                    Map.of("Authorization", "Bearer good", "user_id", "43"), 403,
                    Map.of("Authorization", "Bearer good"), 200);
            for (Map.Entry<Map<String, String>, Integer> request : cases.entrySet()) {
                Exchange exchange = exchange(server.port(), "GET", "/api/user-data", request.getKey());
                assertThat(exchange.response().statusCode()).as(request.getKey().toString()).isEqualTo(request.getValue());
                assertNoErrors(validator().validateResponse("/api/user-data", Request.Method.GET,
                        exchange.validatorResponse()));
                if (request.getValue() == 401) {
                    assertThat(exchange.response().headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"forecap\"");
                }
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void an_unknown_user_gives_a_described_404() throws Exception {
        assertValid(signedGet("/api/user-data", 4294967295L), 404);
    }

    @Test
    void an_unavailable_store_and_a_failure_give_described_503_and_500() throws Exception {
        Exchange unavailable = signedGet("/api/user-data", UNAVAILABLE);
        assertValid(unavailable, 503);
        assertThat(unavailable.response().headers().firstValue("retry-after")).isPresent();
        assertValid(signedGet("/api/user-data", FAILING), 500);
    }

    @Test
    void other_methods_give_a_described_405() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/api/user-data", "/api/user-data/")) {
                Exchange exchange = exchange(method, path, Map.of());
                assertThat(exchange.response().statusCode()).as(method + " " + path).isEqualTo(405);
                assertNoErrors(validator().validateResponse("/api/user-data", Request.Method.valueOf(method),
                        exchange.validatorResponse()));
            }
        }
    }

    @Test
    void requests_refused_before_routing_get_described_answers() throws Exception {
        String longLine = raw("GET /api/user-data?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(longLine).startsWith("HTTP/1.1 414");
        assertRawAnswerValid(longLine, 414);
        String bigHeaders = raw("GET /api/user-data HTTP/1.1\r\nHost: localhost\r\nx-big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(bigHeaders).startsWith("HTTP/1.1 4");
        assertRawAnswerValid(bigHeaders, Integer.parseInt(bigHeaders.substring(9, 12)));
    }

    private void assertRawAnswerValid(String raw, int status) throws Exception {
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertNoErrors(validator().validateResponse("/api/user-data", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build()));
    }

    @Test
    void an_unknown_route_gives_the_described_404_body() throws Exception {
        HttpResponse<String> response = send("GET", "/no/such/route", Map.of());
        assertThat(response.statusCode()).isEqualTo(404);
        Schema<?> schema = api().getComponents().getResponses().get("RouteNotFound")
                .getContent().get("application/json").getSchema();
        assertNoErrors(new SchemaValidator(api(), new MessageResolver(strict())).validate(response.body(), schema, "response.body"));
        assertThat(response.body()).contains("Route not found");
    }

    @Test
    void answers_the_description_does_not_allow_are_caught() throws Exception {
        for (String body : List.of("{\"userName\":\"A\"}", "{\"userName\":\"A\",\"trxCount\":4294967296}",
                "{\"userName\":\"A\",\"trxCount\":1,\"undocumented\":1}", "{\"userName\":null,\"trxCount\":1}",
                "{\"userName\":\"A\",\"trxCount\":1,\"listFavoriteStore\":{\"not\":\"a list\"}}")) {
            ValidationReport report = validator().validateResponse("/api/user-data", Request.Method.GET,
                    SimpleResponse.Builder.ok().withContentType("application/json").withBody(body).build());
            assertThat(report.hasErrors()).as(body).isTrue();
        }
        ValidationReport noRetryAfter = validator().validateResponse("/api/user-data", Request.Method.GET,
                SimpleResponse.Builder.status(503).withContentType("application/json")
                        .withBody("{\"statusCode\":503,\"error\":\"Service Unavailable\",\"message\":\"m\"}").build());
        assertThat(noRetryAfter.hasErrors()).as("503 without Retry-After").isTrue();
        ValidationReport undocumentedStatus = validator().validateResponse("/api/user-data", Request.Method.GET,
                SimpleResponse.Builder.status(418).withContentType("application/json").withBody("{}").build());
        assertThat(undocumentedStatus.hasErrors()).as("an undocumented status").isTrue();
    }

    // ---- operations endpoints

    @Test
    void the_operations_endpoints_match_the_description() throws Exception {
        for (String path : List.of("/health", "/health/ready", "/health/live", "/metrics", "/openapi.yaml")) {
            assertValid(exchange("GET", path, Map.of()), 200);
        }
    }

    // ---- helpers

    private record Exchange(SimpleRequest validatorRequest, HttpResponse<String> response) {

        SimpleResponse validatorResponse() {
            SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
            response.headers().map().forEach(builder::withHeader);
            return builder.build();
        }
    }

    private Exchange signedGet(String path, long userId) throws Exception {
        return signedGet(server.port(), path, userId);
    }

    private Exchange signedGet(int port, String path, long userId) throws Exception {
        String timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String id = Long.toString(userId);
        return exchange(port, "GET", path, Map.of("timestamp", timestamp, "user_id", id,
                "sign", new LegacySignatureScheme(SECRET).sign(timestamp, id)));
    }

    private Exchange exchange(String method, String path, Map<String, String> headers) throws Exception {
        return exchange(server.port(), method, path, headers);
    }

    private Exchange exchange(int port, String method, String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = send(port, method, path, headers);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        headers.forEach(request::withHeader);
        return new Exchange(request.build(), response);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        return send(server.port(), method, path, headers);
    }

    private HttpResponse<String> send(int port, String method, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertValid(Exchange exchange, int status) throws Exception {
        assertThat(exchange.response().statusCode()).as(exchange.response().body()).isEqualTo(status);
        assertNoErrors(validator().validate(exchange.validatorRequest(), exchange.validatorResponse()));
    }

    private static void assertNoErrors(ValidationReport report) {
        assertThat(report.getMessages()).as(SimpleValidationReportFormat.getInstance().apply(report)).isEmpty();
    }

    /** Every finding counts, none is downgraded to a warning or ignored. */
    private static LevelResolver strict() {
        return LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build();
    }

    /** The validator over the document the server serves (fetched once per class). */
    private OpenApiInteractionValidator validator() throws Exception {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(servedDocument())
                    .withLevelResolver(strict())
                    .build();
        }
        return validator;
    }

    private OpenAPI api() throws Exception {
        if (api == null) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            api = new OpenAPIV3Parser().readContents(servedDocument(), null, options).getOpenAPI();
        }
        return api;
    }

    private String servedDocument() throws Exception {
        HttpResponse<String> response = send("GET", OpenApiHttpService.PATH, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
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
}
