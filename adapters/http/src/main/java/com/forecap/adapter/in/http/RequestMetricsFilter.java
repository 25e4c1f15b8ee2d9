package com.forecap.adapter.in.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import com.forecap.application.observability.RecordRequestMetricsPort;

/**
 * Times every routed request and reports it with bounded labels: the method (or {@code OTHER}) and
 * the route (or {@code unmatched}), so that no client can create new series. A path that is another
 * spelling of a route (an alias, e.g. {@code /api/user-data/}) is reported under that route, so that
 * dashboards see one series per endpoint.
 */
final class RequestMetricsFilter implements Filter {

    static final String UNMATCHED = "unmatched";
    static final String OTHER_METHOD = "OTHER";

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT", OTHER_METHOD);

    private final RecordRequestMetricsPort observer;
    private final List<String> routes;
    private final Map<String, String> aliases;
    private final AtomicReferenceArray<RecordRequestMetricsPort.RouteRecorder> recorders;

    /**
     * Creates the filter.
     *
     * @param observer receives each request's outcome
     * @param routes   the route labels
     * @param aliases  other paths of a route, each mapped to its route label (one of {@code routes})
     */
    RequestMetricsFilter(RecordRequestMetricsPort observer, List<String> routes, Map<String, String> aliases) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.routes = List.copyOf(routes);
        this.aliases = Map.copyOf(aliases);
        for (Map.Entry<String, String> alias : this.aliases.entrySet()) {
            if (!this.routes.contains(alias.getValue())) {
                throw new IllegalArgumentException("alias " + alias.getKey() + " names no route: " + alias.getValue());
            }
        }
        this.recorders = new AtomicReferenceArray<>(METHODS.size() * (this.routes.size() + 1));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } finally {
            recorder(req.prologue().method().text(), req.path().path()).record(status, System.nanoTime() - start);
        }
    }

    private RecordRequestMetricsPort.RouteRecorder recorder(String method, String path) {
        int methodIndex = METHODS.indexOf(method);
        if (methodIndex < 0) {
            methodIndex = METHODS.size() - 1;
        }
        int routeIndex = routes.indexOf(aliases.getOrDefault(path, path));
        if (routeIndex < 0) {
            routeIndex = routes.size();
        }
        int slot = methodIndex * (routes.size() + 1) + routeIndex;
        RecordRequestMetricsPort.RouteRecorder recorder = recorders.get(slot);
        if (recorder == null) {
            String route = routeIndex < routes.size() ? routes.get(routeIndex) : UNMATCHED;
            recorder = observer.route(METHODS.get(methodIndex), route);
            if (!recorders.compareAndSet(slot, null, recorder)) {
                recorder = recorders.get(slot);
            }
        }
        return recorder;
    }
}
