package com.forecap.adapter.in.http;

/**
 * One dependency's health check, answered within a bounded time; implementations never throw.
 *
 * @param name     the key in the {@code /health} JSON, e.g. {@code database}
 * @param critical whether the service cannot serve while it is down (then {@code /health} answers 503);
 *                 a non-critical dependency that is down only degrades the service
 * @param check    the check
 */
public record HealthIndicator(String name, boolean critical, Check check) {

    /** Checks one dependency. */
    @FunctionalInterface
    public interface Check {
        /**
         * Checks now.
         *
         * @return the state, never {@code null}
         */
        ComponentHealth check();
    }
}
