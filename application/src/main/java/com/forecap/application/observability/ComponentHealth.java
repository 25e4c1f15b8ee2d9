package com.forecap.application.observability;

import java.util.Map;
import java.util.Objects;

/**
 * The state of one dependency as {@code /health} reports it.
 *
 * @param status  the state
 * @param details short facts worth showing (no secrets), in display order
 */
public record ComponentHealth(State status, Map<String, String> details) {

    /** States of a dependency. */
    public enum State {
        /** Working. */
        UP,
        /** Not working. */
        DOWN,
        /** Not configured in this mode. */
        DISABLED
    }

    /** Validates and copies. */
    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /**
     * A working dependency.
     *
     * @param details facts to show
     * @return the health
     */
    public static ComponentHealth up(Map<String, String> details) {
        return new ComponentHealth(State.UP, details);
    }

    /**
     * A failed dependency.
     *
     * @param reason why, without secrets
     * @return the health
     */
    public static ComponentHealth down(String reason) {
        return new ComponentHealth(State.DOWN, Map.of("error", reason));
    }

    /**
     * A dependency this mode does not use.
     *
     * @return the health
     */
    public static ComponentHealth disabled() {
        return new ComponentHealth(State.DISABLED, Map.of());
    }
}
