package com.forecap.adapter.in.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-cutting HTTP choices made by configuration.
 *
 * @param allowedOrigins browser origins allowed to call the API (CORS); empty allows none, {@code *} any
 * @param accessLog      write one structured log line per request
 * @param userBudget     how many different users one client address may read per window
 */
public record HttpPolicy(Set<String> allowedOrigins, boolean accessLog, UserBudgetPolicy userBudget) {

    /** No CORS, no access log, no user budget. */
    public static final HttpPolicy DEFAULT = new HttpPolicy(Set.of(), false);

    /** Copies. */
    public HttpPolicy {
        allowedOrigins = Set.copyOf(allowedOrigins);
        Objects.requireNonNull(userBudget, "userBudget");
    }

    /**
     * A policy without a user budget.
     *
     * @param allowedOrigins browser origins allowed to call the API
     * @param accessLog      write one structured log line per request
     */
    public HttpPolicy(Set<String> allowedOrigins, boolean accessLog) {
        this(allowedOrigins, accessLog, UserBudgetPolicy.OFF);
    }

    /**
     * The enumeration budget: requests that do not carry a bearer token (their signature does not bind
     * a user) may, from one client address, name at most {@code limit} different users per window.
     *
     * @param limit          different users per window; 0 turns the budget off
     * @param window         the window
     * @param trustedProxies the addresses of the balancers whose {@code X-Forwarded-For} is believed;
     *                       from any other peer the header is ignored
     * @param tokensAccepted whether the service accepts bearer tokens; where it does not, a request with an
     *                       {@code Authorization: Bearer} header is judged on its signature, and counts
     */
    public record UserBudgetPolicy(int limit, Duration window, List<ConnectionGuard.AddressRange> trustedProxies,
                                   boolean tokensAccepted) {

        /** No budget. */
        public static final UserBudgetPolicy OFF = new UserBudgetPolicy(0, Duration.ofMinutes(1), List.of(), false);

        /** Checks and copies. */
        public UserBudgetPolicy {
            if (limit < 0) {
                throw new IllegalArgumentException("the user budget must be 0 (off) or positive: " + limit);
            }
            if (window.toSeconds() < 1 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("the user budget window must be 1 s to 1 day: " + window);
            }
            trustedProxies = List.copyOf(trustedProxies);
        }
    }
}
