package com.forecap.domain.auth;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Parses the {@code timestamp} header: an ISO-8601 UTC instant ending in {@code Z}, with or without
 * fractional seconds ({@code 2025-12-01T00:00:00Z}, {@code 2025-12-01T00:00:00.000Z}).
 */
public final class RequestTimestamp {

    /** Longest text worth parsing: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} is 30 characters. */
    static final int MAX_LENGTH = 30;

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffsetId()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private RequestTimestamp() {
    }

    /**
     * Parses a timestamp; anything that is not a UTC instant in the accepted forms gives empty.
     *
     * @param text the header value, may be {@code null}
     * @return the instant, or empty
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < 20 || text.length() > MAX_LENGTH
                || text.charAt(text.length() - 1) != 'Z') {
            return Optional.empty();
        }
        try {
            return Optional.of(FORMAT.parse(text, Instant::from));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
