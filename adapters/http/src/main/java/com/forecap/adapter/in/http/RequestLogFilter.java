package com.forecap.adapter.in.http;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Gives every request an id ({@code X-Request-Id}: the caller's when it is a plain token, else a new
 * one), returns it in the response, and, when enabled, writes one structured access-log line. The line
 * holds method, route path, status, duration and the id; never header values such as {@code sign}, and
 * never the query string.
 */
final class RequestLogFilter implements Filter {

    static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    private static final System.Logger ACCESS = System.getLogger("forecap.access");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final boolean accessLog;

    RequestLogFilter(boolean accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = req.headers().first(REQUEST_ID).filter(value -> SAFE_ID.matcher(value).matches())
                .orElseGet(RequestLogFilter::newId);
        res.header(REQUEST_ID, id);
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (accessLog) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("type", "access");
                fields.put("request_id", id);
                fields.put("method", req.prologue().method().text());
                fields.put("path", req.path().rawPath());
                fields.put("status", res.status().code());
                fields.put("duration_ms", (System.nanoTime() - start) / 1_000_000.0);
                ACCESS.log(Level.INFO, "request", fields);
            }
        }
    }

    private static String newId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
