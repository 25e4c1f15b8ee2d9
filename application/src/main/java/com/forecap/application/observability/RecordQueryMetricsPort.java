package com.forecap.application.observability;

/** Receives the duration of every database query, for metrics. Implementations are thread-safe and cheap. */
@FunctionalInterface
public interface RecordQueryMetricsPort {

    /** Records nothing. */
    RecordQueryMetricsPort NONE = (type, table, nanos) -> { };

    /**
     * One query ran (successfully or not).
     *
     * @param queryType e.g. {@code select}
     * @param table     e.g. {@code user_recap_data}
     * @param nanos     how long it took
     */
    void queryCompleted(String queryType, String table, long nanos);
}
