package com.forecap.adapter.in.http;

import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * CORS for the configured origins only (the original service's {@code ALLOWED_ORIGINS}): an allowed
 * origin is echoed back, a preflight of the recap endpoint is answered 204; any other origin gets no
 * CORS headers, so browsers refuse. {@code *} must be configured explicitly to allow every origin.
 */
final class CorsFilter implements Filter {

    private static final Header ALLOW_METHODS = HeaderValues.createCached(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD");
    private static final Header ALLOW_HEADERS = HeaderValues.createCached(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
            "timestamp, user_id, sign, authorization, x-request-id");
    private static final Header MAX_AGE = HeaderValues.createCached(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
    private static final Header VARY = HeaderValues.createCached(HeaderNames.VARY, "Origin");

    private final Set<String> origins;
    private final boolean any;

    CorsFilter(Set<String> origins) {
        this.origins = Set.copyOf(origins);
        this.any = origins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null || !(any || origins.contains(origin))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
        res.header(VARY);
        if (req.prologue().method() == Method.OPTIONS && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)
                && isRecapPath(req.path().path())) {
            res.header(ALLOW_METHODS);
            res.header(ALLOW_HEADERS);
            res.header(MAX_AGE);
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        chain.proceed();
    }

    private static boolean isRecapPath(String path) {
        return UserRecapHttpService.PATH.equals(path) || UserRecapHttpService.PATH_WITH_SLASH.equals(path);
    }
}
