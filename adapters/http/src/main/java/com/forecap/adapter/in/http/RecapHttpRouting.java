package com.forecap.adapter.in.http;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.forecap.application.observability.RecordRequestMetricsPort;

/**
 * Assembles the service's routes on a Helidon routing: request metrics around everything, the recap
 * endpoint, the operations endpoints, the OpenAPI description, 404 JSON for any other path and 500
 * JSON (no stack trace) for any failure that escapes a handler.
 */
public final class RecapHttpRouting {

    private static final System.Logger LOG = System.getLogger(RecapHttpRouting.class.getName());
    private static final byte[] NOT_FOUND = ErrorResponses.body(Status.NOT_FOUND_404, "Route not found");
    private static final byte[] INTERNAL = ErrorResponses.body(Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    private static final List<String> ROUTES = List.of(UserRecapHttpService.PATH, OperationsHttpService.HEALTH,
            OperationsHttpService.LIVE, OperationsHttpService.READY, OperationsHttpService.METRICS, OpenApiHttpService.PATH);
    private static final Map<String, String> ROUTE_ALIASES = Map.of(UserRecapHttpService.PATH_WITH_SLASH,
            UserRecapHttpService.PATH);

    private RecapHttpRouting() {
    }

    /**
     * Adds every route to a routing builder. The OpenAPI description is read from the classpath here,
     * once. While {@code draining} says so, every answer carries {@code Connection: close} and its
     * connection is closed after it.
     *
     * @param routing    the builder
     * @param recap      the recap endpoint
     * @param operations health and metrics
     * @param observer   receives each request's outcome
     * @param policy     CORS and access-log choices
     * @param draining   whether the service is shutting down
     * @return the same builder
     * @throws IllegalStateException when the OpenAPI description is missing from the classpath
     */
    public static HttpRouting.Builder configure(HttpRouting.Builder routing, UserRecapHttpService recap,
                                                OperationsHttpService operations, RecordRequestMetricsPort observer,
                                                HttpPolicy policy, BooleanSupplier draining) {
        OpenApiHttpService openApi = OpenApiHttpService.fromClasspath();
        routing.addFilter(new RequestMetricsFilter(observer, ROUTES, ROUTE_ALIASES))
                .addFilter(new RequestLogFilter(policy.accessLog()))
                .addFilter(new RequestGuardFilter(draining));
        if (!policy.allowedOrigins().isEmpty()) {
            routing.addFilter(new CorsFilter(policy.allowedOrigins()));
        }
        return routing
                .register(recap, operations, openApi)
                .any(RecapHttpRouting::notFound)
                .error(Throwable.class, RecapHttpRouting::internalError);
    }

    private static void notFound(ServerRequest req, ServerResponse res) {
        ErrorResponses.send(req, res, Status.NOT_FOUND_404, NOT_FOUND);
    }

    private static void internalError(ServerRequest req, ServerResponse res, Throwable failure) {
        LOG.log(Level.ERROR, "unhandled failure answering " + req.prologue().method().text() + " "
                + req.path().rawPath() + " (request " + res.headers().first(RequestLogFilter.REQUEST_ID).orElse("?") + ")",
                failure);
        if (!res.isSent()) {
            ErrorResponses.send(req, res, Status.INTERNAL_SERVER_ERROR_500, INTERNAL);
        }
    }
}
