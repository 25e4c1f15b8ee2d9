package com.forecap.domain.auth;

import java.time.Instant;
import java.util.Optional;

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
 * fast path; java.time's {@code DateTimeFormatter} on that path cost about 9 % of the service's CPU,
 * which is why the parsing is by hand. All paths are allocation-free up to the returned value and
 * never throw, so a barrage of malformed headers stays cheap.
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
    /** Shortest ISO-like form: {@code yyyy-MM-ddTHH:mm}. */
    private static final int ISO_MIN_LENGTH = 16;

    private static final long INVALID = Long.MIN_VALUE;
    private static final int NO_OFFSET = Integer.MIN_VALUE;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int[] MILLIS_SCALE = {0, 100, 10, 1};
    private static final int[] MONTH_LENGTHS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] MONTH_KEYS = {
        key('j', 'a', 'n'), key('f', 'e', 'b'), key('m', 'a', 'r'), key('a', 'p', 'r'), key('m', 'a', 'y'), key('j', 'u', 'n'),
        key('j', 'u', 'l'), key('a', 'u', 'g'), key('s', 'e', 'p'), key('o', 'c', 't'), key('n', 'o', 'v'), key('d', 'e', 'c'),
    };
    private static final int[] WEEKDAY_KEYS = {
        key('m', 'o', 'n'), key('t', 'u', 'e'), key('w', 'e', 'd'), key('t', 'h', 'u'), key('f', 'r', 'i'), key('s', 'a', 't'),
        key('s', 'u', 'n'),
    };

    private RequestTimestamp() {
    }

    /**
     * Parses a timestamp; anything outside the accepted forms (see the class comment) gives empty.
     *
     * @param text the header value, may be {@code null}
     * @return the instant, to the millisecond, or empty
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int length = text.length();
        if (length > MAX_LENGTH) {
            return Optional.empty();
        }
        long millis = parseUtcIso(text, length);
        if (millis == INVALID) {
            millis = length >= ISO_MIN_LENGTH && text.charAt(4) == '-' ? parseIsoLike(text, length) : parseTextual(text, length);
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
     * {@code yyyy-MM-dd} then {@code T} (ISO: zone {@code Z}, an offset or none) or a space (zone
     * also after a space, possibly named).
     */
    private static long parseIsoLike(String text, int length) {
        if (text.charAt(7) != '-') {
            return INVALID;
        }
        char separator = text.charAt(10);
        boolean iso = separator == 'T' || separator == 't';
        if (!iso && separator != ' ') {
            return INVALID;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (year < (iso ? 0 : 100) || !isDate(year, month, day)) {
            return INVALID;
        }
        long time = timeOfDay(text, 11, length);
        if (time < 0) {
            return INVALID;
        }
        int end = (int) (time & 0xFF);
        int offset;
        if (end == length) {
            offset = 0;
        } else if (iso || text.charAt(end) != ' ') {
            offset = zoneOrOffset(text, end, length);
        } else {
            offset = zone(text, end + 1, length);
        }
        if (offset == NO_OFFSET) {
            return INVALID;
        }
        return epochDay(year, month, day) * MILLIS_PER_DAY + (time >>> 8) - offset * 60_000L;
    }

    /**
     * RFC 1123 ({@code [Mon[,] ]01 Dec 2025 10:00:00[ zone]}) and {@code toString()}
     * ({@code [Mon ]Dec 01 2025 17:00:00[ zone[ (name)]]}).
     */
    private static long parseTextual(String text, int length) {
        int p = 0;
        if (weekday(text, length)) {
            p = 3;
            if (charAt(text, p, length) == ',') {
                p++;
            }
            if (charAt(text, p++, length) != ' ') {
                return INVALID;
            }
        }
        int day;
        int month;
        if (isDigit(charAt(text, p, length))) {
            day = oneOrTwoDigits(text, p, length);
            p += day >>> 8;
            if (charAt(text, p++, length) != ' ') {
                return INVALID;
            }
            month = month(text, p, length);
            p += 3;
        } else {
            month = month(text, p, length);
            p += 3;
            if (charAt(text, p++, length) != ' ') {
                return INVALID;
            }
            day = oneOrTwoDigits(text, p, length);
            p += day >>> 8;
        }
        if (charAt(text, p, length) != ' ' || p + 5 > length) {
            return INVALID;
        }
        int year = digits(text, p + 1, 4);
        day &= 0xFF;
        p += 5;
        if (year < 100 || !isDate(year, month, day) || charAt(text, p, length) != ' ') {
            return INVALID;
        }
        int zoneEnd = zoneEndBeforeComment(text, length);
        if (zoneEnd < 0) {
            return INVALID;
        }
        long time = timeOfDay(text, p + 1, zoneEnd);
        if (time < 0) {
            return INVALID;
        }
        int end = (int) (time & 0xFF);
        int offset;
        if (end == zoneEnd) {
            offset = zoneEnd == length ? 0 : NO_OFFSET;
        } else {
            offset = text.charAt(end) == ' ' ? zone(text, end + 1, zoneEnd) : NO_OFFSET;
        }
        if (offset == NO_OFFSET) {
            return INVALID;
        }
        return epochDay(year, month, day) * MILLIS_PER_DAY + (time >>> 8) - offset * 60_000L;
    }

    /**
     * Where the zone ends: the text's length, or, when the text ends in a {@code (name)} without
     * inner parentheses, the position of its {@code (} or of the one space before it; -1 when
     * a {@code )} ends the text without a matching {@code (}.
     */
    private static int zoneEndBeforeComment(String text, int length) {
        if (text.charAt(length - 1) != ')') {
            return length;
        }
        for (int i = length - 2; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                return -1;
            }
            if (c == '(') {
                return i > 0 && text.charAt(i - 1) == ' ' ? i - 1 : i;
            }
        }
        return -1;
    }

    /**
     * {@code HH:mm[:ss[.f{1,9}]]} from {@code from}, not past {@code limit}: the milliseconds of the
     * day shifted left by 8, or'ed with the end position; -1 when malformed.
     */
    private static long timeOfDay(String text, int from, int limit) {
        if (from + 5 > limit || text.charAt(from + 2) != ':') {
            return -1;
        }
        int hour = digits(text, from, 2);
        int minute = digits(text, from + 3, 2);
        int second = 0;
        int millis = 0;
        boolean fractionZero = true;
        int p = from + 5;
        if (p < limit && text.charAt(p) == ':') {
            if (p + 3 > limit) {
                return -1;
            }
            second = digits(text, p + 1, 2);
            p += 3;
            if (p < limit && text.charAt(p) == '.') {
                int start = ++p;
                while (p < limit && isDigit(text.charAt(p))) {
                    fractionZero &= text.charAt(p) == '0';
                    p++;
                }
                int count = p - start;
                if (count < 1 || count > 9) {
                    return -1;
                }
                millis = millisOfFraction(text, start, count);
            }
        }
        if (hour < 0 || minute < 0 || minute > 59 || second < 0 || second > 59
                || hour > 24 || hour == 24 && (minute != 0 || second != 0 || !fractionZero)) {
            return -1;
        }
        return ((hour * 3_600L + minute * 60L + second) * 1_000L + millis) << 8 | p;
    }

    /** {@code Z}, {@code z} or an offset exactly filling {@code [from, to)}; the offset in minutes. */
    private static int zoneOrOffset(String text, int from, int to) {
        char c = text.charAt(from);
        if ((c == 'Z' || c == 'z') && from + 1 == to) {
            return 0;
        }
        return offset(text, from, to);
    }

    /**
     * A zone after a space, exactly filling {@code [from, to)}: {@code Z}, an offset, or
     * {@code GMT}, {@code UTC} or {@code UT} (any case) optionally followed by an offset.
     */
    private static int zone(String text, int from, int to) {
        if (from >= to) {
            return NO_OFFSET;
        }
        char c = text.charAt(from);
        if (c == '+' || c == '-' || c == 'Z' || c == 'z') {
            return zoneOrOffset(text, from, to);
        }
        int nameEnd;
        char c1 = lower(charAt(text, from + 1, to));
        char c2 = lower(charAt(text, from + 2, to));
        if (lower(c) == 'g' && c1 == 'm' && c2 == 't') {
            nameEnd = from + 3;
        } else if (lower(c) == 'u' && c1 == 't') {
            nameEnd = c2 == 'c' ? from + 3 : from + 2;
        } else {
            return NO_OFFSET;
        }
        return nameEnd == to ? 0 : offset(text, nameEnd, to);
    }

    /** {@code ±HH:mm} or {@code ±HHmm} exactly filling {@code [from, to)}: signed minutes. */
    private static int offset(String text, int from, int to) {
        int n = to - from;
        if (n != 5 && n != 6) {
            return NO_OFFSET;
        }
        char sign = text.charAt(from);
        if (sign != '+' && sign != '-' || n == 6 && text.charAt(from + 3) != ':') {
            return NO_OFFSET;
        }
        int hours = digits(text, from + 1, 2);
        int minutes = digits(text, to - 2, 2);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return NO_OFFSET;
        }
        int total = hours * 60 + minutes;
        return sign == '-' ? -total : total;
    }

    /** One or two digits at {@code from}: the value, or'ed with the count shifted left by 8; 0 when none. */
    private static int oneOrTwoDigits(String text, int from, int length) {
        char first = charAt(text, from, length);
        if (!isDigit(first)) {
            return 0;
        }
        char second = charAt(text, from + 1, length);
        return isDigit(second) ? (first - '0') * 10 + (second - '0') | 2 << 8 : first - '0' | 1 << 8;
    }

    /** Whether the text starts with an English weekday abbreviation, any case. */
    private static boolean weekday(String text, int length) {
        if (length < 3) {
            return false;
        }
        int key = key(lower(text.charAt(0)), lower(text.charAt(1)), lower(text.charAt(2)));
        for (int weekday : WEEKDAY_KEYS) {
            if (weekday == key) {
                return true;
            }
        }
        return false;
    }

    /** The month (1-12) of the English abbreviation at {@code from}, any case; 0 when none. */
    private static int month(String text, int from, int length) {
        if (from + 3 > length) {
            return 0;
        }
        int key = key(lower(text.charAt(from)), lower(text.charAt(from + 1)), lower(text.charAt(from + 2)));
        for (int i = 0; i < MONTH_KEYS.length; i++) {
            if (MONTH_KEYS[i] == key) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int key(char a, char b, char c) {
        return a << 16 | b << 8 | c;
    }

    /** ASCII lower case of a letter; any other character unchanged or mapped to a non-letter. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }

    /** The character at {@code i}, or 0 past {@code length}. */
    private static char charAt(String text, int i, int length) {
        return i < length ? text.charAt(i) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
