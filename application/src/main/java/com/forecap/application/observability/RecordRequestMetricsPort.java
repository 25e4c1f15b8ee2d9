package com.forecap.application.observability;

/**
 * Receives the outcome of every routed request, for metrics. The HTTP adapter asks once per method and
 * route for a recorder and keeps it, so implementations may do lookups in {@link #route}.
 */
@FunctionalInterface
public interface RecordRequestMetricsPort {

    /** Records nothing. */
    RecordRequestMetricsPort NONE = (method, route) -> (status, durationNanos) -> { };

    /**
     * The recorder of one method and route.
     *
     * @param method the method label, e.g. {@code GET}, or {@code OTHER}
     * @param route  the route label, e.g. {@code /api/user-data}, or {@code unmatched}
     * @return the recorder
     */
    RouteRecorder route(String method, String route);

    /** Records requests of one method and route. */
    @FunctionalInterface
    interface RouteRecorder {
        /**
         * Records one answered request.
         *
         * @param status        the response status
         * @param durationNanos how long it took
         */
        void record(int status, long durationNanos);
    }
}
