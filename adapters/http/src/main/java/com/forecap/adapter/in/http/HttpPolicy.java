package com.forecap.adapter.in.http;

import java.util.Set;

/**
 * Cross-cutting HTTP choices made by configuration.
 *
 * @param allowedOrigins browser origins allowed to call the API (CORS); empty allows none, {@code *} any
 * @param accessLog      write one structured log line per request
 */
public record HttpPolicy(Set<String> allowedOrigins, boolean accessLog) {

    /** No CORS, no access log. */
    public static final HttpPolicy DEFAULT = new HttpPolicy(Set.of(), false);

    /** Copies. */
    public HttpPolicy {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }
}
