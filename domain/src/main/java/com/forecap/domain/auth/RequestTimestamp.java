package com.forecap.domain.auth;

import java.text.ParsePosition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Parses the {@code timestamp} header into the instant the original Node.js service (running with
 * {@code TZ=UTC}) got from {@code new Date(text)}, for the forms its clients send:
 *
 * <ol>
 *   <li>ISO-8601 UTC: {@code 2025-12-01T10:00:00Z}, {@code 2025-12-01T10:00:00.123Z};</li>
 *   <li>ISO-8601 with a UTC offset: {@code 2025-12-01T17:00:00+07:00}, {@code +0700},
 *       {@code 2025-12-01T05:00:00.5-05:00};</li>
 *   <li>a space instead of {@code T}: {@code 2025-12-01 10:00:00Z}, {@code 2025-12-01 17:00:00+07:00};
 *       the zone may then also follow a space, as a name or a name and an offset:
 *       {@code 2025-12-01 10:00:00 UTC}, {@code 2025-12-01 17:00:00 +0700}, {@code … GMT+0700};</li>
 *   <li>a date-time without a zone, read as UTC: {@code 2025-12-01T10:00:00},
 *       {@code 2025-12-01 10:00:00.123};</li>
 *   <li>RFC 1123 / {@code Date.prototype.toUTCString()}: {@code Mon, 01 Dec 2025 10:00:00 GMT}, also
 *       without the weekday or its comma, with a one-digit day, with {@code UTC}, {@code UT},
 *       {@code Z}, {@code +0700}, {@code GMT+07:00} or no zone (UTC);</li>
 *   <li>{@code Date.prototype.toString()}: {@code Mon Dec 01 2025 17:00:00 GMT+0700 (Western Indonesia Time)},
 *       the parenthesised zone name optional (any text without parentheses, after a zone; also
 *       accepted after the zone of the RFC 1123 form), the weekday optional.</li>
 * </ol>
 *
 * <p>Common rules, each one a subset of what V8 accepts (verified against Node.js 20):
 * <ul>
 *   <li>year of four digits (the space, RFC 1123 and {@code toString()} forms need 0100 or later:
 *       V8 reads a year below 100 there as 19xx/20xx); month and day a real calendar date
 *       (V8 turns {@code Feb 30} into {@code Mar 2}: refused here);</li>
 *   <li>time {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.f} with 1 to 9 fraction digits,
 *       every field two digits; hours 00-23, or 24 for {@code 24:00[:00[.000]]}, the start of the
 *       next day (as in V8); minutes and seconds 00-59 (no leap second);</li>
 *   <li>the instant keeps milliseconds: further fraction digits are cut off, as V8 does;</li>
 *   <li>an offset is {@code ±HH:mm} or {@code ±HHmm}, hours 00-23, minutes 00-59; {@code T}, {@code Z}
 *       and zone and month names may be lower case; the weekday name is not checked against the
 *       date (V8 ignores it);</li>
 *   <li>no leading or trailing white space, no text after the zone (HTTP strips the surrounding
 *       white space of a header value anyway).</li>
 * </ul>
 *
 * <p>Refused although V8 reads them: its free-form fallback forms outside these families
 * ({@code 12/01/2025 10:00}, {@code 2025/12/01 10:00:00}, {@code Dec 1 10:00:00 2025},
 * {@code 01-Dec-2025}, two-digit years, US zone names like {@code EST}, {@code PM}), a date
 * alone ({@code 2025-12-01}), expanded years ({@code +002025-…}), a one-digit hour, offsets of one or
 * two digits ({@code +7}, {@code +07}) or out of range ({@code +24:00}, {@code +0760}), day or second
 * overflow, more than nine fraction digits, and anything longer than {@value #MAX_LENGTH} characters.
 *
 * <p>Performance: this runs on every request. The plain UTC form ({@code …Z}) has a fixed-position
 * fast path, allocation-free up to the returned value (java.time's {@code DateTimeFormatter} on that
 * path cost about 9 % of the service's CPU). The other forms go to java.time formatters that read the
 * date and time without resolving them, then to a hand-written reading of the zone: they allocate and
 * take several times as long, but never throw, so a barrage of malformed headers builds no exceptions.
 */
public final class RequestTimestamp {

    /**
     * Longest text worth parsing. The longest English {@code toString()} output is 76 characters
     * ({@code Mon Dec 01 2025 17:00:00 GMT+0845 (Australian Central Western Standard Time)}); the
     * rest leaves room for a localised zone name.
     */
    static final int MAX_LENGTH = 100;
    /** Shortest and longest {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}. */
    private static final int FAST_MIN_LENGTH = 20;
    private static final int FAST_MAX_LENGTH = 30;
    private static final int SECONDS_LENGTH = 19;
    /** Shortest form: {@code yyyy-MM-ddTHH:mm}, {@code d MMM yyyy HH:mm}. */
    private static final int MIN_LENGTH = 16;

    private static final long INVALID = Long.MIN_VALUE;
    private static final int NO_OFFSET = Integer.MIN_VALUE;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int[] MILLIS_SCALE = {0, 100, 10, 1};
    private static final int[] MONTH_LENGTHS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    /** {@code HH:mm[:ss[.f{1,9}]]}; the formatters parse without resolving, {@link #millisOfDay} checks the time. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm[:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).parseDefaulting(ChronoField.NANO_OF_SECOND, 0).toFormatter();
    private static final DateTimeFormatter DAY = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE).toFormatter();
    /** English month names, spelt out: the JDK's locale data may say "Sept". */
    private static final DateTimeFormatter MONTH = new DateTimeFormatterBuilder().appendText(ChronoField.MONTH_OF_YEAR,
            names("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")).toFormatter();
    /** The date and time of each form, up to the zone. */
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4).appendPattern("-MM-dd'T'").append(TIME).toFormatter();
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4).appendPattern("-MM-dd ").append(TIME).toFormatter();
    private static final DateTimeFormatter RFC_1123 = textual(DAY, MONTH);
    private static final DateTimeFormatter TO_STRING = textual(MONTH, DAY);

    private RequestTimestamp() {
    }

    /**
     * Parses a timestamp; anything outside the accepted forms (see the class comment) gives empty.
     *
     * @param text the header value, may be {@code null}
     * @return the instant, to the millisecond, or empty
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int length = text.length();
        long millis = parseUtcIso(text, length);
        if (millis == INVALID && length >= MIN_LENGTH) {
            millis = parseOther(text, length);
        }
        return millis == INVALID ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /**
     * The fast path: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} at fixed positions, hours 00-23. Anything
     * else, including {@code 24:00:00Z}, goes to the general parsers.
     */
    private static long parseUtcIso(String text, int length) {
        if (length < FAST_MIN_LENGTH || length > FAST_MAX_LENGTH || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || !isDate(year, month, day)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (length > SECONDS_LENGTH + 1) {
            int fractionDigits = length - SECONDS_LENGTH - 2;
            if (text.charAt(SECONDS_LENGTH) != '.' || fractionDigits < 1 || fractionDigits > 9
                    || digits(text, SECONDS_LENGTH + 1, fractionDigits) < 0) {
                return INVALID;
            }
            millis = millisOfFraction(text, SECONDS_LENGTH + 1, fractionDigits);
        }
        return epochDay(year, month, day) * MILLIS_PER_DAY + (hour * 3_600L + minute * 60L + second) * 1_000L + millis;
    }

    /**
     * Every other form: java.time reads the date and time, the checks of the class comment follow, then
     * the zone is read by hand (java.time has no way to say "exactly one of these zone forms").
     */
    private static long parseOther(String text, int length) {
        boolean isoLike = text.charAt(4) == '-';
        boolean iso = isoLike && (text.charAt(10) == 'T' || text.charAt(10) == 't');
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor fields = (isoLike ? iso ? ISO : SPACED : RFC_1123).parseUnresolved(text, position);
        if (fields == null && !isoLike) {
            fields = TO_STRING.parseUnresolved(text, position); // a failed parse leaves the index at 0
        }
        int end = position.getIndex();
        // java.time matches names ignoring case beyond ASCII ("ſep" for Sep, "Frı" for Fri): refused here
        if (fields == null || text.chars().limit(end).anyMatch(c -> c > 0x7F)) {
            return INVALID;
        }
        int year = (int) fields.getLong(ChronoField.YEAR);
        int month = (int) fields.getLong(ChronoField.MONTH_OF_YEAR);
        int day = (int) fields.getLong(ChronoField.DAY_OF_MONTH);
        long time = millisOfDay(fields);
        int limit = isoLike ? length : zoneEndBeforeComment(text, length);
        if (year < (iso ? 0 : 100) || !isDate(year, month, day) || time < 0 || end > limit) {
            return INVALID;
        }
        int offset = end == limit ? (limit == length ? 0 : NO_OFFSET)
                : text.charAt(end) == ' ' && !iso ? zone(text, end + 1, limit, true)
                : isoLike ? zone(text, end, limit, false) : NO_OFFSET;
        return offset == NO_OFFSET ? INVALID : epochDay(year, month, day) * MILLIS_PER_DAY + time - offset * 60_000L;
    }

    /** The time in milliseconds of the day, the fraction cut off, hour 24 only as 24:00[:00[.0…]]; -1 if out of range. */
    private static long millisOfDay(TemporalAccessor fields) {
        long hour = fields.getLong(ChronoField.HOUR_OF_DAY);
        long minute = fields.getLong(ChronoField.MINUTE_OF_HOUR);
        long second = fields.getLong(ChronoField.SECOND_OF_MINUTE);
        long nanos = fields.getLong(ChronoField.NANO_OF_SECOND);
        if (minute > 59 || second > 59 || hour > 24 || hour == 24 && (minute != 0 || second != 0 || nanos != 0)) {
            return -1;
        }
        return (hour * 3_600 + minute * 60 + second) * 1_000 + nanos / 1_000_000;
    }

    /**
     * Where the zone ends: the text's length, or, when the text ends in a {@code (name)} without inner
     * parentheses, at its {@code (} or the one space before; -1 when a {@code )} ends it without a {@code (}.
     */
    private static int zoneEndBeforeComment(String text, int length) {
        if (text.charAt(length - 1) != ')') {
            return length;
        }
        int open = text.lastIndexOf('(');
        if (open < 0 || text.indexOf(')', open) != length - 1) {
            return -1;
        }
        return open > 0 && text.charAt(open - 1) == ' ' ? open - 1 : open;
    }

    /**
     * The offset in minutes of the zone exactly filling {@code [from, to)}: {@code Z} or an offset, or, when
     * {@code named} (after a space), {@code GMT}, {@code UTC} or {@code UT} and an optional offset; any case.
     */
    private static int zone(String text, int from, int to, boolean named) {
        if (to - from == 1 && (text.charAt(from) == 'Z' || text.charAt(from) == 'z')) {
            return 0;
        }
        boolean threeLetters = text.regionMatches(true, from, "GMT", 0, 3) || text.regionMatches(true, from, "UTC", 0, 3);
        int name = !named ? 0 : threeLetters ? 3 : text.regionMatches(true, from, "UT", 0, 2) ? 2 : 0;
        return name > 0 && from + name == to ? 0 : offset(text, from + name, to);
    }

    /** {@code ±HH:mm} or {@code ±HHmm} exactly filling {@code [from, to)}: signed minutes. */
    private static int offset(String text, int from, int to) {
        int n = to - from;
        char sign = n == 5 || n == 6 ? text.charAt(from) : 0;
        int hours = digits(text, from + 1, 2);
        int minutes = digits(text, to - 2, 2);
        if (sign != '+' && sign != '-' || n == 6 && text.charAt(from + 3) != ':'
                || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return NO_OFFSET;
        }
        return sign == '-' ? -(hours * 60 + minutes) : hours * 60 + minutes;
    }

    /**
     * An optional English weekday name, an optional comma and a space (any case; the weekday is not
     * checked against the date), the day and the month in the given order, the year, the time.
     */
    private static DateTimeFormatter textual(DateTimeFormatter first, DateTimeFormatter second) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
                .optionalStart().appendText(ChronoField.DAY_OF_WEEK, names("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
                .appendPattern("[,] ").optionalEnd().append(first).appendLiteral(' ').append(second).appendLiteral(' ')
                .appendValue(ChronoField.YEAR, 4).appendLiteral(' ').append(TIME).toFormatter();
    }

    /** The names as the text of the values 1, 2, …. */
    private static Map<Long, String> names(String... names) {
        return IntStream.range(0, names.length).boxed().collect(Collectors.toMap(i -> i + 1L, i -> names[i]));
    }

    /** The first three digits of a fraction of {@code count} digits, as milliseconds (V8 cuts off the rest). */
    private static int millisOfFraction(String text, int from, int count) {
        int used = Math.min(count, 3);
        return digits(text, from, used) * MILLIS_SCALE[used];
    }

    private static boolean isDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int monthLength = month == 2 && isLeap(year) ? 29 : MONTH_LENGTHS[month - 1];
        return day <= monthLength;
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit or is missing. */
    private static int digits(String text, int from, int count) {
        if (from < 0 || from + count > text.length()) {
            return -1;
        }
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
