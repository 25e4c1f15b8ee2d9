package com.forecap.domain.auth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Optional;

/**
 * Parses the {@code timestamp} header: an ISO-8601 UTC instant ending in {@code Z}, with or without
 * fractional seconds ({@code 2025-12-01T00:00:00Z}, {@code 2025-12-01T00:00:00.000Z}).
 */
public final class RequestTimestamp {

    /** Longest text worth parsing: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} is 30 characters. */
    static final int MAX_LENGTH = 30;
    private static final int SECONDS_LENGTH = 19;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private RequestTimestamp() {
    }

    /**
     * Parses a timestamp; anything that is not a UTC instant in the accepted forms gives empty.
     * Strict: four-digit year, two-digit fields, a real calendar date, hours 0-23, minutes and
     * seconds 0-59, 1 to 9 fraction digits after a dot, and a final {@code Z}. Allocation-free on
     * the way to the result (this runs on every request).
     *
     * @param text the header value, may be {@code null}
     * @return the instant, or empty
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int length = text.length();
        if (length < SECONDS_LENGTH + 1 || length > MAX_LENGTH || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Optional.empty();
        }
        int nanos = 0;
        if (length > SECONDS_LENGTH + 1) {
            int fractionDigits = length - SECONDS_LENGTH - 2;
            if (text.charAt(SECONDS_LENGTH) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return Optional.empty();
            }
            int fraction = digits(text, SECONDS_LENGTH + 1, fractionDigits);
            if (fraction < 0) {
                return Optional.empty();
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Optional.of(Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos));
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
