package com.forecap.adapter.in.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import com.forecap.application.observability.RecordRefusalMetricsPort;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.RecapOutcome;
import com.forecap.domain.user.UserId;

import static org.assertj.core.api.Assertions.assertThat;

/** The enumeration budget over HTTP: who is a client, what counts, what a refused client is told. */
class UserBudgetHttpTest {

    private static final int LIMIT = 5;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger refused = new AtomicInteger();
    private final RecordRefusalMetricsPort refusals = reason -> {
        if (ClientUserBudget.REFUSAL.equals(reason)) {
            refused.incrementAndGet();
        }
    };

    /**
     * A server whose use case finds every user signed "x" and refuses any other signature; it accepts
     * bearer tokens as well (the use case is not asked about them here).
     */
    private WebServer server(String trustedProxies) {
        return server(trustedProxies, true);
    }

    private WebServer server(String trustedProxies, boolean tokensAccepted) {
        HttpPolicy.UserBudgetPolicy policy = new HttpPolicy.UserBudgetPolicy(LIMIT, Duration.ofMinutes(1),
                ConnectionGuard.AddressRange.parseList(trustedProxies), tokensAccepted);
        UserRecapHttpService recaps = new UserRecapHttpService(query -> "x".equals(query.sign())
                ? new RecapOutcome.Found(UserId.of(1),
                        EncodedRecap.ofJson("{\"userName\":\"A\",\"trxCount\":1}".getBytes(StandardCharsets.UTF_8)))
                : new RecapOutcome.Rejected(RejectionReason.INVALID_SIGNATURE), new ClientUserBudget(policy, refusals));
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> RecapHttpRouting.configure(routing, recaps,
                        new OperationsHttpService(List.of(), accept -> new ScrapeMetricsPort.Scrape("text/plain", new byte[0]),
                                Clock.systemUTC()), RecordRequestMetricsPort.NONE, new HttpPolicy(Set.of(), false, policy),
                        () -> false))
                .build().start();
    }

    private HttpResponse<String> get(WebServer server, long user, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/user-data"))
                .header("user_id", Long.toString(user)).header("timestamp", "2025-12-10T12:00:00Z").header("sign", "x");
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many of users 1 .. 3 x LIMIT are read, each sent with the X-Forwarded-For the function gives. */
    private int readable(WebServer server, LongFunction<String> forwardedFor) throws Exception {
        int ok = 0;
        for (long user = 1; user <= 3L * LIMIT; user++) {
            if (get(server, user, "X-Forwarded-For", forwardedFor.apply(user)).statusCode() == 200) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void a_client_reads_its_budget_of_different_users_then_gets_429_with_retry_after() throws Exception {
        WebServer server = server("");
        try {
            for (long user = 1; user <= LIMIT; user++) {
                assertThat(get(server, user).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> over = get(server, LIMIT + 1);
            assertThat(over.statusCode()).isEqualTo(429);
            assertThat(over.body()).contains("\"statusCode\":429").contains("Too many different users");
            assertThat(over.headers().firstValue("retry-after")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
            assertThat(get(server, 1).statusCode()).as("a user already read stays readable").isEqualTo(200);
            assertThat(get(server, LIMIT + 2, "Authorization", "Bearer t").statusCode())
                    .as("a request with a bearer token is bound to its user and not counted").isEqualTo(200);
            assertThat(get(server, LIMIT + 3, "Authorization", "Basic dTpw").statusCode())
                    .as("another authorization scheme is not a token").isEqualTo(429);
            assertThat(refused).hasValue(2);
        } finally {
            server.stop();
        }
    }

    @Test
    void where_tokens_are_not_accepted_a_bearer_header_does_not_escape_the_budget() throws Exception {
        WebServer server = server("", false);
        try {
            for (long user = 1; user <= LIMIT; user++) {
                assertThat(get(server, user, "Authorization", "Bearer anything").statusCode()).isEqualTo(200);
            }
            assertThat(get(server, LIMIT + 1, "Authorization", "Bearer anything").statusCode()).isEqualTo(429);
        } finally {
            server.stop();
        }
    }

    @Test
    void requests_that_fail_authentication_spend_no_budget() throws Exception {
        WebServer server = server("");
        try {
            for (long user = 100; user < 100 + 10L * LIMIT; user++) {
                assertThat(get(server, user, "sign", "forged").statusCode()).isEqualTo(401);
            }
            for (long user = 1; user <= LIMIT; user++) {
                assertThat(get(server, user).statusCode()).as("user %d", user).isEqualTo(200);
            }
            assertThat(get(server, LIMIT + 1).statusCode()).isEqualTo(429);
            assertThat(get(server, LIMIT + 2, "sign", "forged").statusCode())
                    .as("a client over its budget is refused before its request is worked on").isEqualTo(429);
        } finally {
            server.stop();
        }
    }

    @Test
    void an_untrusted_peer_cannot_buy_a_new_budget_with_x_forwarded_for() throws Exception {
        WebServer server = server("10.0.0.0/8");
        try {
            assertThat(readable(server, user -> "198.51.100." + user)).isEqualTo(LIMIT);
        } finally {
            server.stop();
        }
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget_and_cannot_forge_it() throws Exception {
        WebServer server = server("127.0.0.0/8, 10.0.0.0/8");
        try {
            // 1,000 clients behind the balancer, each reading its own recap three times: no 429
            List<Integer> statuses = new ArrayList<>();
            for (int c = 0; c < 1_000; c++) {
                String address = "203.0." + (c / 250) + "." + (c % 250 + 1);
                for (int i = 0; i < 3; i++) {
                    statuses.add(get(server, 1_000 + c, "X-Forwarded-For", address).statusCode());
                }
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            server.stop();
        }
        server = server("127.0.0.0/8, 10.0.0.0/8");
        try {
            // a scraper: what it writes left of the balancer's entry is not believed
            assertThat(readable(server, user -> "192.0.2." + user + ", 198.51.100.9, 10.1.2.3")).isEqualTo(LIMIT);
            assertThat(get(server, 1, "X-Forwarded-For", "198.51.100.10").statusCode())
                    .as("the next address has its own budget").isEqualTo(200);
            assertThat(get(server, 99, "X-Forwarded-For", "2001:db8:1:2::5").statusCode()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    @Test
    void ipv6_clients_are_counted_by_their_64_and_odd_forwarded_values_fall_back_to_the_peer() throws Exception {
        WebServer server = server("127.0.0.0/8");
        try {
            assertThat(readable(server, user -> "2001:db8:aa:bb::" + Long.toHexString(user)))
                    .as("one /64 is one client").isEqualTo(LIMIT);
            assertThat(get(server, 1, "X-Forwarded-For", "2001:db8:aa:bc::1").statusCode()).isEqualTo(200);
            assertThat(ClientUserBudget.literal("unknown")).isNull();
            assertThat(ClientUserBudget.literal("example.com")).isNull();
            assertThat(ClientUserBudget.literal("1.2.3.256")).isNull();
            assertThat(ClientUserBudget.literal("1.2.3")).isNull();
            assertThat(ClientUserBudget.literal("1.2.3.4")).isNotNull();
            assertThat(ClientUserBudget.literal("::1")).isNotNull();
        } finally {
            server.stop();
        }
    }
}
