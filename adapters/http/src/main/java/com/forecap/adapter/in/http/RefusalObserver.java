package com.forecap.adapter.in.http;

/**
 * Told of every request or connection the server refuses before routing (malformed or oversized
 * heads, a head not complete in time, a client address over its connection cap), so that such refusals
 * show in metrics although no route answers them. Reasons are a small fixed set of labels.
 */
@FunctionalInterface
public interface RefusalObserver {

    /** Observes nothing. */
    RefusalObserver NONE = reason -> { };

    /** The reasons {@link JsonDirectHandler} and {@link ConnectionGuard} report. */
    java.util.List<String> REASONS = java.util.List.of("bad_request", "body_too_large", "request_line_too_long",
            "headers_too_large", "overloaded", "server_error", ConnectionGuard.HEAD_TIMEOUT, ConnectionGuard.ADDRESS_LIMIT);

    /**
     * Records one refusal.
     *
     * @param reason one of {@link #REASONS}
     */
    void refused(String reason);
}
