package com.forecap.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a request's timestamp may lie from the service's clock: at most {@code maxAge} in the past
 * and at most {@code maxAhead} in the future (the original service used 10 minutes and 2 minutes).
 * Both ends are inclusive.
 *
 * @param maxAge   the oldest accepted age, not negative
 * @param maxAhead the largest accepted clock lead, not negative
 */
public record FreshnessWindow(Duration maxAge, Duration maxAhead) {

    /** The original service's window: 10 minutes past, 2 minutes future. */
    public static final FreshnessWindow DEFAULT = new FreshnessWindow(Duration.ofMinutes(10), Duration.ofMinutes(2));

    /** Validates the bounds. */
    public FreshnessWindow {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAge.isNegative() || maxAhead.isNegative()) {
            throw new IllegalArgumentException("freshness bounds must not be negative");
        }
    }

    /**
     * Judges a timestamp against the current time.
     *
     * @param timestamp the request's timestamp
     * @param now       the service's current time
     * @return the refusal, or empty when the timestamp is fresh
     */
    public Optional<RejectionReason> check(Instant timestamp, Instant now) {
        if (timestamp.isBefore(now.minus(maxAge))) {
            return Optional.of(RejectionReason.EXPIRED_TIMESTAMP);
        }
        if (timestamp.isAfter(now.plus(maxAhead))) {
            return Optional.of(RejectionReason.FUTURE_TIMESTAMP);
        }
        return Optional.empty();
    }
}
