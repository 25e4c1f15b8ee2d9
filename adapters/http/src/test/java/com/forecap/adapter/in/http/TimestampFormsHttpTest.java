package com.forecap.adapter.in.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;

import com.forecap.application.fakes.FakeRecapStore;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.application.recap.service.GetUserRecapService;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.FreshnessWindow;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RequestAuthenticator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recap endpoint with the real authenticator behind it: a signed request answers 200 in every
 * accepted {@code timestamp} form when fresh and 401 when stale or too far ahead.
 */
@ServerTest
class TimestampFormsHttpTest {

    private static final Instant NOW = Instant.parse("2025-12-10T12:00:00Z");
    private static final LegacySignatureScheme SCHEME = new LegacySignatureScheme("forecap2025");
    private static final String USER_ID = "42";

    /** Each accepted form, written for a given instant. */
    private static final Map<String, Function<Instant, String>> FORMS = Map.ofEntries(
            Map.entry("ISO UTC", Instant::toString),
            Map.entry("ISO UTC with millis", pattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", "UTC")),
            Map.entry("ISO offset", pattern("uuuu-MM-dd'T'HH:mm:ssxxx", "Asia/Jakarta")),
            Map.entry("ISO offset without colon", pattern("uuuu-MM-dd'T'HH:mm:ssxx", "Asia/Jakarta")),
            Map.entry("ISO negative offset with fraction", pattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", "America/New_York")),
            Map.entry("space and Z", pattern("uuuu-MM-dd HH:mm:ss'Z'", "UTC")),
            Map.entry("space and offset", pattern("uuuu-MM-dd HH:mm:ssxxx", "Asia/Jakarta")),
            Map.entry("space and zone name", pattern("uuuu-MM-dd HH:mm:ss 'UTC'", "UTC")),
            Map.entry("no zone", pattern("uuuu-MM-dd'T'HH:mm:ss", "UTC")),
            Map.entry("no zone with space and fraction", pattern("uuuu-MM-dd HH:mm:ss.SSS", "UTC")),
            Map.entry("RFC 1123", pattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", "UTC")),
            Map.entry("RFC 1123 one-digit day, offset", pattern("EEE, d MMM uuuu HH:mm:ss xx", "Asia/Jakarta")),
            Map.entry("Date.toString()", pattern("EEE MMM dd uuuu HH:mm:ss 'GMT'xx '(Western Indonesia Time)'", "Asia/Jakarta")),
            Map.entry("Date.toString() without zone name", pattern("EEE MMM dd uuuu HH:mm:ss 'GMT'xx", "Asia/Kolkata")));

    private final HttpClient client = HttpClient.newHttpClient();
    private final WebServer server;

    TimestampFormsHttpTest(WebServer server) {
        this.server = server;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        TestServers.jsonDirectHandlers(server);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        RequestAuthenticator authenticator = new RequestAuthenticator(SCHEME, FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS);
        FakeRecapStore store = new FakeRecapStore().with(42, "{\"userName\":\"Ayu\",\"trxCount\":3}");
        InstantSource clock = InstantSource.fixed(NOW);
        RecapHttpRouting.configure(routing,
                new UserRecapHttpService(new GetUserRecapService(authenticator, store, clock)),
                new OperationsHttpService(List.of(),
                        accept -> new ScrapeMetricsPort.Scrape("text/plain; version=0.0.4; charset=utf-8",
                                "# metrics\n".getBytes(StandardCharsets.UTF_8)),
                        Clock.systemUTC()),
                RecordRequestMetricsPort.NONE, HttpPolicy.DEFAULT, () -> false);
    }

    private static Function<Instant, String> pattern(String pattern, String zone) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneId.of(zone))::format;
    }

    private HttpResponse<String> signedGet(String timestamp) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/user-data"))
                .header("timestamp", timestamp)
                .header("user_id", USER_ID)
                .header("sign", SCHEME.sign(timestamp, USER_ID))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void every_form_answers_200_when_fresh_and_signed() throws Exception {
        for (var form : FORMS.entrySet()) {
            for (Instant at : List.of(NOW, NOW.minusSeconds(600), NOW.plusSeconds(120))) {
                String timestamp = form.getValue().apply(at);
                HttpResponse<String> response = signedGet(timestamp);
                assertThat(response.statusCode()).as(form.getKey() + ": " + timestamp).isEqualTo(200);
                assertThat(response.body()).as(timestamp).isEqualTo("{\"userName\":\"Ayu\",\"trxCount\":3}");
            }
        }
    }

    @Test
    void every_form_answers_401_when_stale_or_ahead() throws Exception {
        for (var form : FORMS.entrySet()) {
            for (Instant at : List.of(NOW.minusSeconds(601), NOW.minusSeconds(3_600), NOW.plusSeconds(121))) {
                String timestamp = form.getValue().apply(at);
                HttpResponse<String> response = signedGet(timestamp);
                assertThat(response.statusCode()).as(form.getKey() + ": " + timestamp).isEqualTo(401);
                assertThat(response.body()).as(timestamp).contains("\"statusCode\":401");
            }
        }
    }

    @Test
    void a_form_outside_the_accepted_ones_answers_401_even_when_signed() throws Exception {
        for (String timestamp : List.of("2025-12-10T12:00:00+07", "12/10/2025 12:00", "Wed, 10 Dec 2025 12:00:00 GMTx",
                "Wed Dec 10 2025 19:00:00 GMT+0700 (Western Indonesia Time) x")) {
            assertThat(signedGet(timestamp).statusCode()).as(timestamp).isEqualTo(401);
        }
    }
}
