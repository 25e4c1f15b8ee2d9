package com.forecap.adapter.in.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnectionSelector;

import com.forecap.application.observability.RecordRefusalMetricsPort;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;
import com.forecap.application.recap.port.in.GetUserRecapUseCase;

/**
 * The Helidon web server of the service: every connection passes the {@link ConnectionGuard} before
 * anything is read, malformed requests get JSON answers ({@link JsonDirectHandler}), and the routes are
 * {@link RecapHttpRouting}'s. The service's listener and the start-up warm-up's private one are both
 * built here, so the warm-up runs exactly the code the listener runs.
 */
public final class RecapWebServer {

    private RecapWebServer() {
    }

    /**
     * What a server answers with.
     *
     * @param recaps   the recap use case
     * @param health   the dependencies {@code /health} reports
     * @param metrics  request, refusal and scrape metrics
     * @param policy   CORS and access-log choices
     * @param draining whether the service is shutting down
     * @param <M>      the metrics type
     */
    public record Parts<M extends RecordRequestMetricsPort & RecordRefusalMetricsPort & ScrapeMetricsPort>(
            GetUserRecapUseCase recaps, List<HealthIndicator> health, M metrics, HttpPolicy policy,
            BooleanSupplier draining) {
    }

    /**
     * Why the listener's address cannot be bound, checked before the server starts so that a taken port
     * is one clear line rather than Helidon's bind failure with its stack trace.
     *
     * @param host the address
     * @param port the port; 0 (any free port) is never a problem
     * @return what is wrong, or empty when the port is free
     */
    public static Optional<String> bindProblem(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * Builds and starts a server.
     *
     * @param server   Helidon's {@code server} section (host, port, limits, timeouts)
     * @param http1    its {@code protocols.http_1_1} section
     * @param loopback listen on 127.0.0.1 on a free port instead of the configured address
     * @param guard    the connection guard
     * @param parts    what it answers with
     * @param <M>      the metrics type
     * @return the running server
     */
    public static <M extends RecordRequestMetricsPort & RecordRefusalMetricsPort & ScrapeMetricsPort> WebServer start(
            Config server, Config http1, boolean loopback, ConnectionGuard guard, Parts<M> parts) {
        WebServerConfig.Builder builder = WebServer.builder()
                .config(server)
                .shutdownHook(false)
                // the HTTP/1 protocol is set up here rather than discovered, so that every connection
                // passes the guard (head deadline, per-address cap) before anything is read; it must be
                // the only selector, else Helidon reads a connection's first bytes before choosing one
                .protocolsDiscoverServices(false)
                .protocols(List.of(GuardedHttp1.INSTANCE))
                .addConnectionSelector(guard.guard(http1(http1, guard)))
                .directHandlers(handlers -> {
                    JsonDirectHandler handler = new JsonDirectHandler(parts.metrics());
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, handler);
                    }
                })
                .routing(routing -> RecapHttpRouting.configure(routing, new UserRecapHttpService(parts.recaps(),
                                new ClientUserBudget(parts.policy().userBudget(), parts.metrics())),
                        new OperationsHttpService(parts.health(), parts.metrics(), Clock.systemUTC()), parts.metrics(),
                        parts.policy(), parts.draining()));
        if (loopback) {
            builder.host("127.0.0.1").port(0);
        }
        WebServer started = builder.build().start();
        if (!started.isRunning()) {
            throw new IllegalStateException("the HTTP server did not start; see the log above");
        }
        return started;
    }

    /**
     * Helidon's HTTP/1 connection selector with the {@code server.protocols.http_1_1} settings (sizes of
     * the request line and headers) and the guard's head-deadline listener.
     */
    private static ServerConnectionSelector http1(Config settings, ConnectionGuard guard) {
        Http1Config http1 = Http1Config.builder()
                .config(settings)
                .addReceiveListener(guard.listener())
                .build();
        return new Http1ConnectionProvider().create(WebServer.DEFAULT_SOCKET_NAME, http1, ProtocolConfigs.create(List.of()));
    }

    /**
     * Stands in the listener's protocol list for {@code server.protocols.http_1_1}: Helidon does not build
     * a configured protocol whose type and name are already on the builder, and no provider makes a
     * selector of this placeholder, so the guarded selector stays the only one.
     */
    private static final class GuardedHttp1 implements ProtocolConfig {
        static final GuardedHttp1 INSTANCE = new GuardedHttp1();

        @Override
        public String type() {
            return "http_1_1";
        }

        @Override
        public String name() {
            return "http_1_1";
        }
    }
}
