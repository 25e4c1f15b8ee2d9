package com.forecap.adapter.out.mysql;

/** Receives the duration of every query, for metrics. */
@FunctionalInterface
public interface QueryObserver {

    /** Observes nothing. */
    QueryObserver NONE = (type, table, nanos) -> { };

    /**
     * One query ran (successfully or not).
     *
     * @param queryType e.g. {@code select}
     * @param table     e.g. {@code user_recap_data}
     * @param nanos     how long it took
     */
    void queryCompleted(String queryType, String table, long nanos);
}
