package com.forecap.application.observability;

/** Checks one dependency for {@code /health}, answering within a bounded time; implementations never throw. */
@FunctionalInterface
public interface CheckHealthPort {

    /**
     * Checks now.
     *
     * @return the state, never {@code null}
     */
    ComponentHealth check();
}
