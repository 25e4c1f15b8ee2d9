package com.forecap.domain.user;

import java.util.Optional;

/**
 * A customer's id: a whole number from {@value #MIN} to {@value #MAX} (an unsigned 32-bit value).
 *
 * <p>The textual form accepted from clients is strict: ASCII digits only, no sign, no whitespace and
 * no leading zeros, so that one user has exactly one spelling (and one cache key).
 *
 * @param value the numeric id, within {@link #MIN}..{@link #MAX}
 */
public record UserId(long value) implements Comparable<UserId> {

    /** The smallest valid id. */
    public static final long MIN = 1L;
    /** The largest valid id: 2^32 - 1. */
    public static final long MAX = 4_294_967_295L;

    private static final int MAX_DIGITS = 10;

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException when {@code value} is outside {@link #MIN}..{@link #MAX}
     */
    public UserId {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("user id out of range 1..4294967295: " + value);
        }
    }

    /**
     * Creates an id from a number.
     *
     * @param value the id
     * @return the id
     * @throws IllegalArgumentException when out of range
     */
    public static UserId of(long value) {
        return new UserId(value);
    }

    /**
     * Parses the canonical decimal form; anything else (null, empty, signs, spaces, leading zeros,
     * non-ASCII digits, values out of range) gives an empty result, never an exception.
     *
     * @param text the received text, may be {@code null}
     * @return the id, or empty when the text is not a valid id
     */
    public static Optional<UserId> parse(String text) {
        long value = parseValue(text);
        return value == 0 ? Optional.empty() : Optional.of(new UserId(value));
    }

    /**
     * The value {@link #parse(String)} would give, without allocating: for a count kept on every request.
     *
     * @param text the received text, may be {@code null}
     * @return the id's value, or 0 (never an id) when the text is not a valid id
     */
    public static long parseValue(String text) {
        if (text == null) {
            return 0;
        }
        int length = text.length();
        if (length == 0 || length > MAX_DIGITS || text.charAt(0) == '0') {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value > MAX ? 0 : value;
    }

    @Override
    public int compareTo(UserId other) {
        return Long.compare(value, other.value);
    }

    /** The canonical decimal form, the same text {@link #parse(String)} accepts. */
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
