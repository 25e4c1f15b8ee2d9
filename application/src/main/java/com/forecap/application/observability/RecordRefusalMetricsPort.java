package com.forecap.application.observability;

/**
 * Told of every request or connection the server refuses before routing (malformed or oversized
 * heads, a head not complete in time, a client address over its connection cap), so that such refusals
 * show in metrics although no route answers them. Reasons are a small fixed set of labels, named by the
 * HTTP adapter.
 */
@FunctionalInterface
public interface RecordRefusalMetricsPort {

    /** Records nothing. */
    RecordRefusalMetricsPort NONE = reason -> { };

    /**
     * Records one refusal.
     *
     * @param reason a label of the adapter's fixed set, e.g. {@code headers_too_large}
     */
    void refused(String reason);
}
