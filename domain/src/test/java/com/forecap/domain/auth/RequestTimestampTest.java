package com.forecap.domain.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimestampTest {

    /** 1000-01-02 .. 9999-12-30: four-digit years in every zone. */
    private static final long MIN_MILLIS = -30_610_137_600_000L;
    private static final long MAX_MILLIS = 253_402_041_600_000L;

    // ---------------------------------------------------------------- fast path

    @Example
    void accepts_seconds_and_millis_forms() {
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00Z")).contains(Instant.parse("2025-12-01T00:00:00Z"));
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.123Z")).contains(Instant.parse("2025-12-01T00:00:00.123Z"));
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.1Z")).contains(Instant.parse("2025-12-01T00:00:00.100Z"));
    }

    @Property
    void every_instant_round_trips_in_both_forms(@ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        assertThat(RequestTimestamp.parse(instant.toString())).contains(instant);
        Instant seconds = Instant.ofEpochSecond(instant.getEpochSecond());
        assertThat(RequestTimestamp.parse(seconds.toString())).contains(seconds);
    }

    @Example
    void fractions_beyond_milliseconds_are_cut_off_like_v8() {
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.123456789Z")).contains(Instant.parse("2025-12-01T00:00:00.123Z"));
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.9999Z")).contains(Instant.parse("2025-12-01T00:00:00.999Z"));
    }

    @Example
    void refuses_broken_utc_forms() {
        assertThat(RequestTimestamp.parse(null)).isEmpty();
        assertThat(RequestTimestamp.parse("")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-02-30T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.Z")).isEmpty();
        assertThat(RequestTimestamp.parse("1764547200")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.0000000000Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2024-02-29T00:00:00Z")).contains(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(RequestTimestamp.parse("2025-02-29T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:60Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:60:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-13-01T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-00-01T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-00T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("+025-12-01T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00.12x4Z")).isEmpty();
    }

    @Example
    void refuses_overlong_texts_before_looking_at_them() {
        String comment = "Mon Dec 01 2025 17:00:00 GMT+0700 (" + "x".repeat(RequestTimestamp.MAX_LENGTH - 36) + ")";
        assertThat(comment).hasSize(RequestTimestamp.MAX_LENGTH);
        assertThat(RequestTimestamp.parse(comment)).contains(Instant.parse("2025-12-01T10:00:00Z"));
        String tooLong = "Mon Dec 01 2025 17:00:00 GMT+0700 (" + "x".repeat(RequestTimestamp.MAX_LENGTH - 35) + ")";
        assertThat(RequestTimestamp.parse(tooLong)).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00Z" + " ".repeat(100_000))).isEmpty();
    }

    /** The JDK's own strict parser of the {@code Z} form, as the reference of the fast path. */
    private static final DateTimeFormatter UTC_REFERENCE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendLiteral('Z').toFormatter().withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);

    @Property(tries = 3000)
    void agrees_with_the_jdk_parser_on_near_miss_utc_texts(@ForAll("timestampLike") String text) {
        // Texts still shaped like the Z form; hour 24 (accepted as the next midnight) is in the tables below.
        Assume.that(text.charAt(10) == 'T' && text.endsWith("Z") && !text.startsWith("24", 11));
        Optional<Instant> expected;
        try {
            expected = Optional.of(UTC_REFERENCE.parse(text, Instant::from).truncatedTo(ChronoUnit.MILLIS));
        } catch (java.time.DateTimeException e) {
            expected = Optional.empty();
        }
        assertThat(RequestTimestamp.parse(text)).as(text).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> timestampLike() {
        Arbitrary<String> valid = Arbitraries.longs().between(0, 4_102_444_800_000L)
                .map(millis -> Instant.ofEpochMilli(millis).toString());
        return valid.flatMap(base -> Arbitraries.integers().between(0, base.length() - 1).flatMap(position ->
                Arbitraries.of('0', '9', '3', '-', ':', 'T', 'Z', '.', ' ', 'x', '1').map(c ->
                        base.substring(0, position) + c + base.substring(position + 1))));
    }

    // ---------------------------------------------------------------- every form against java.time

    @Property
    void form_1_iso_utc(@ForAll("instants") Instant instant, @ForAll @IntRange(min = 0, max = 9) int fraction) {
        agrees("uuuu-MM-dd'T'HH:mm:ss" + fraction(fraction) + "'Z'", instant.atZone(ZoneOffset.UTC));
    }

    @Property
    void form_2_iso_with_offset(@ForAll("instants") Instant instant, @ForAll("offsets") ZoneOffset offset,
                                @ForAll @IntRange(min = 0, max = 9) int fraction, @ForAll boolean colon, @ForAll boolean seconds) {
        String time = seconds ? "HH:mm:ss" + fraction(fraction) : "HH:mm";
        agrees("uuuu-MM-dd'T'" + time + (colon ? "xxx" : "xx"), instant.atZone(offset));
    }

    @Property
    void form_3_space_instead_of_t(@ForAll("instants") Instant instant, @ForAll("offsets") ZoneOffset offset,
                                   @ForAll @IntRange(min = 0, max = 9) int fraction,
                                   @ForAll("spacedZones") String zone) {
        ZoneOffset used = zone.contains("x") ? offset : ZoneOffset.UTC;
        agrees("uuuu-MM-dd HH:mm:ss" + fraction(fraction) + zone, instant.atZone(used));
    }

    @Property
    void form_4_without_a_zone_is_utc(@ForAll("instants") Instant instant, @ForAll @IntRange(min = 0, max = 9) int fraction,
                                      @ForAll boolean space, @ForAll boolean seconds) {
        String time = seconds ? "HH:mm:ss" + fraction(fraction) : "HH:mm";
        agrees("uuuu-MM-dd" + (space ? " " : "'T'") + time, instant.atZone(ZoneOffset.UTC));
    }

    @Property
    void form_5_rfc_1123(@ForAll("instants") Instant instant, @ForAll("offsets") ZoneOffset offset) {
        // The JDK's RFC 1123 formatter writes a one-digit day and "GMT" or "+0700".
        ZonedDateTime time = instant.atZone(offset);
        String text = DateTimeFormatter.RFC_1123_DATE_TIME.format(time);
        assertThat(RequestTimestamp.parse(text)).as(text)
                .contains(offsetDateTimeInstant(text, DateTimeFormatter.RFC_1123_DATE_TIME));
    }

    @Property
    void form_5_rfc_1123_variants(@ForAll("instants") Instant instant, @ForAll("rfc1123Patterns") String pattern) {
        agrees(pattern, instant.atZone(ZoneOffset.UTC));
    }

    @Property
    void form_6_date_to_string(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone, @ForAll boolean named) {
        // Date.prototype.toString(): "Mon Dec 01 2025 17:00:00 GMT+0700 (Western Indonesia Time)".
        ZonedDateTime time = instant.atZone(zone);
        DateTimeFormatter withoutName = formatter("EEE MMM dd uuuu HH:mm:ss 'GMT'xx");
        String text = withoutName.format(time) + (named ? formatter(" (zzzz)").format(time) : "");
        Instant expected = reference(withoutName.format(time), withoutName);
        assertThat(RequestTimestamp.parse(text)).as(text).contains(expected);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(MIN_MILLIS, MAX_MILLIS)
                .flatMap(millis -> Arbitraries.integers().between(0, 999_999)
                        .map(nanos -> Instant.ofEpochMilli(millis).plusNanos(nanos)))
                .edgeCases(edges -> edges.add(Instant.parse("2025-12-01T10:00:00Z")));
    }

    @Provide
    Arbitrary<ZoneOffset> offsets() {
        return Arbitraries.integers().between(-18 * 60, 18 * 60).map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
    }

    @Provide
    Arbitrary<String> spacedZones() {
        return Arbitraries.of("'Z'", "'z'", "xxx", "xx", "' Z'", "' 'xxx", "' 'xx", "' UTC'", "' GMT'", "' UT'", "' GMT'xx", "' UTC'xxx");
    }

    @Provide
    Arbitrary<String> rfc1123Patterns() {
        return Arbitraries.of(
                "EEE, dd MMM uuuu HH:mm:ss 'GMT'", "EEE, d MMM uuuu HH:mm:ss 'UTC'", "dd MMM uuuu HH:mm:ss 'GMT'",
                "EEE dd MMM uuuu HH:mm:ss 'UT'", "EEE, dd MMM uuuu HH:mm 'GMT'", "EEE, dd MMM uuuu HH:mm:ss '+0000'",
                "EEE, dd MMM uuuu HH:mm:ss 'Z'", "EEE, dd MMM uuuu HH:mm:ss", "EEE, dd MMM uuuu HH:mm:ss.SSS 'GMT'");
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(List.of("UTC", "Asia/Jakarta", "America/New_York", "Asia/Kolkata", "Europe/Paris",
                "Australia/Adelaide", "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns",
                "Asia/Kathmandu", "America/Sao_Paulo")).map(ZoneId::of);
    }

    private static String fraction(int digits) {
        return digits == 0 ? "" : "." + "S".repeat(digits);
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Formats the time with the pattern, and checks our parse against java.time's parse of the same text. */
    private static void agrees(String pattern, ZonedDateTime time) {
        DateTimeFormatter formatter = formatter(pattern);
        String text = formatter.format(time);
        assertThat(RequestTimestamp.parse(text)).as(text).contains(reference(text, formatter));
    }

    /** java.time's reading of the text, UTC without an offset, cut to milliseconds as V8 does. */
    private static Instant reference(String text, DateTimeFormatter formatter) {
        TemporalAccessor parsed = formatter.parse(text);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return LocalDateTime.from(parsed).toInstant(offset).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant offsetDateTimeInstant(String text, DateTimeFormatter formatter) {
        return java.time.OffsetDateTime.parse(text, formatter).toInstant();
    }

    // ---------------------------------------------------------------- tables checked with Node.js

    /**
     * Accepted variants and the instant the original service got. The expected values were taken
     * from Node.js 20's {@code new Date(text).toISOString()} run with {@code TZ=UTC}.
     */
    private static final String[][] ACCEPTED_BY_NODE = {
            {"2025-12-01T10:00:00.123456789Z", "2025-12-01T10:00:00.123Z"},
            {"2025-12-01T10:00:00.9999Z", "2025-12-01T10:00:00.999Z"},
            {"2025-12-01t10:00:00z", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T10:00Z", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T24:00:00Z", "2025-12-02T00:00:00.000Z"},
            {"2025-12-01T24:00Z", "2025-12-02T00:00:00.000Z"},
            {"2024-02-29T10:00:00Z", "2024-02-29T10:00:00.000Z"},
            {"0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"},
            {"2025-12-01T17:00:00+07:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T17:00:00+0700", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T05:00:00-05:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T10:00:00.123-0530", "2025-12-01T15:30:00.123Z"},
            {"2025-12-01T17:00:00.123456+07:00", "2025-12-01T10:00:00.123Z"},
            {"2025-12-01T17:00+07:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T10:00:00+23:59", "2025-11-30T10:01:00.000Z"},
            {"2025-12-01T10:00:00-23:59", "2025-12-02T09:59:00.000Z"},
            {"2025-12-01T10:00:00-00:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00Z", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00z", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00.5Z", "2025-12-01T10:00:00.500Z"},
            {"2025-12-01 17:00:00+07:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 17:00:00+0700", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00-0500", "2025-12-01T15:00:00.000Z"},
            {"2025-12-01 10:00+07:00", "2025-12-01T03:00:00.000Z"},
            {"2025-12-01 24:00:00Z", "2025-12-02T00:00:00.000Z"},
            {"2025-12-01 10:00:00 Z", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00 UTC", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00 UT", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00 gmt", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00 +07:00", "2025-12-01T03:00:00.000Z"},
            {"2025-12-01 10:00:00 -0500", "2025-12-01T15:00:00.000Z"},
            {"2025-12-01 10:00:00 GMT+0700", "2025-12-01T03:00:00.000Z"},
            {"2025-12-01 10:00:00 UTC-05:00", "2025-12-01T15:00:00.000Z"},
            {"2025-12-01T10:00:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T10:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01T10:00:00.5", "2025-12-01T10:00:00.500Z"},
            {"2025-12-01T10:00:00.123456", "2025-12-01T10:00:00.123Z"},
            {"2025-12-01 10:00:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00", "2025-12-01T10:00:00.000Z"},
            {"2025-12-01 10:00:00.123", "2025-12-01T10:00:00.123Z"},
            {"2025-12-01 10:00:00.123456789", "2025-12-01T10:00:00.123Z"},
            {"2025-12-01 24:00:00", "2025-12-02T00:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"Mon, 1 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"01 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"1 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"Mon 01 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"Fri, 01 Dec 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"mon, 01 dec 2025 10:00:00 gmt", "2025-12-01T10:00:00.000Z"},
            {"MON, 01 DEC 2025 10:00:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 UTC", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 UT", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 Z", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 +0000", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 17:00:00 +0700", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 17:00:00 +07:00", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 05:00:00 -0500", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 17:00:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 17:00:00 UTC+07:00", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00 GMT", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00.123 GMT", "2025-12-01T10:00:00.123Z"},
            {"Mon, 01 Dec 2025 24:00:00 GMT", "2025-12-02T00:00:00.000Z"},
            {"Tue, 29 Feb 2028 10:00:00 GMT", "2028-02-29T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0700 (Western Indonesia Time)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 10:00:00 GMT+0000 (Coordinated Universal Time)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 05:00:00 GMT-0500 (Eastern Standard Time)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 15:30:00 GMT+0530 (India Standard Time)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+07:00", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 1 2025 17:00:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Dec 01 2025 17:00:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Sun Dec 01 2025 17:00:00 GMT+0700 (x)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0700 ()", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0845 (Australian Central Western Standard Time)", "2025-12-01T08:15:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0700(Western Indonesia Time)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT+0700 (Heure normale d\u2019Indochine)", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 +0700", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00 GMT", "2025-12-01T17:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00", "2025-12-01T17:00:00.000Z"},
            {"Mon Dec 01 2025 17:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Mon Dec 01 2025 17:00:00.123 GMT+0700", "2025-12-01T10:00:00.123Z"},
            {"Mon Dec 01 2025 24:00:00 GMT+0700", "2025-12-01T17:00:00.000Z"},
            {"Mon, Dec 01 2025 17:00:00 GMT+0700", "2025-12-01T10:00:00.000Z"},
            {"Mon, 01 Dec 2025 10:00:00 GMT (UTC)", "2025-12-01T10:00:00.000Z"},
    };

    @Example
    void accepted_variants_give_the_instant_node_gives() {
        assertThat(List.of(ACCEPTED_BY_NODE)).allSatisfy(row ->
                assertThat(RequestTimestamp.parse(row[0])).as(row[0]).contains(Instant.parse(row[1])));
    }

    /** Texts for which Node.js 20 (TZ=UTC) answers {@code Invalid Date}: they must stay refused. */
    private static final List<String> REJECTED_BY_NODE = List.of(
            "",
            "yesterday",
            "not a date",
            "1764547200",
            "2025-12-01T10:00:00.Z",
            "2025-12-01T10Z",
            "2025-12-01T24:00:01Z",
            "2025-12-01T24:00:00.001Z",
            "2025-12-01T23:59:60Z",
            "2025-12-32T10:00:00Z",
            "2025-13-01T10:00:00Z",
            "2025-12-00T10:00:00Z",
            "2025-00-01T10:00:00Z",
            "2025-12-01T10:60:00Z",
            "2025-12-01T25:00:00Z",
            "2025-12-01T17:00:00+07",
            "2025-12-01T17:00:00+7:00",
            "2025-12-01T17:00:00+24:00",
            "2025-12-01T17:00:00+07:60",
            "2025-12-01T17:00:00+07:00:00",
            "2025-12-01T17:00:00 +07:00",
            "2025-12-01T17:00:00Z+07:00",
            "2025-12-01T10:00:00+07:00 (WIB)",
            "2025-12-01T10:00:00+0760",
            "2025-12-01T10:00:00+2400",
            "2025-12-01T10:00:00+07:0",
            "2025-12-01T10:00:00+070",
            "2025-12-01T10:00:00+07:000",
            " 2025-12-01T10:00:00Z",
            "2025-12-01T10:00:00Z ",
            "2025-12-01T10:00:00 Z",
            "2025-12-01T10:00:00GMT",
            "2025-12-01T10:00:00ZZ",
            "2025-12-01TT10:00:00Z",
            "2025-12-01T 10:00:00Z",
            "2025-12-01T10:00:00.+07:00",
            "25-12-01T10:00:00Z",
            "025-12-01T10:00:00Z",
            "20251201T100000Z",
            "2025-1-1T10:00:00Z",
            "2025-12-1T10:00:00Z",
            "2025-12-01T1:00:00Z",
            "2025-12-01T10:0:00Z",
            "2025-12-01T10:00:0Z",
            "2025-12-01T10:00:00,123Z",
            "2025-12-01 10:00:00,123",
            "2025-12-01 23:59:60",
            "2025-12-01 24:00:00.001",
            "2025-12-01 10:00:00GMT",
            "2025-12-01 10:00:00UTC",
            "2025-12-01 10:00:00+07:60",
            "2025-12-01 10:00:00+07:00:00",
            "2025-12-01 10:00:00.",
            "2025-12-01 10:00:00.Z",
            "2025-12-01 10",
            "2025-12-01 10Z",
            "2025-12-01_10:00:00",
            "2025-12-01 10.00.00",
            "Mon, 32 Dec 2025 10:00:00 GMT",
            "Mon, 00 Dec 2025 10:00:00 GMT",
            "Mon, 01 Dez 2025 10:00:00 GMT",
            "Mon, 01 Dec 2025 24:00:01 GMT",
            "Mon, 01 Dec 2025 24:00:00.001 GMT",
            "Mon, 01 Dec 2025 23:60:00 GMT",
            "Mon, 01 Dec 2025 10:00:00 GMTx",
            "Mon, 01 Dec 2025 10:00:00 XYZ",
            "Mon, 01 Dec 2025 10:00:00GMT",
            "Mon Dec 01 2025 17:00:00 GMT+0700 x)",
            "Mon Dec 01 2025 17:00:00 GMT+0700 (Western Indonesia Time) x",
            "Mon Dec 01 2025 17:00:00 GMT+0700 (a)b",
            "Mon Dec 01 2025 17:00:00 GMT+07000"
    );

    @Example
    void texts_node_rejects_are_rejected() {
        assertThat(REJECTED_BY_NODE).allSatisfy(text -> assertThat(RequestTimestamp.parse(text)).as(text).isEmpty());
    }

    /**
     * Texts Node.js 20 reads (checked) that are refused on purpose: day or second overflow, V8's
     * free-form fallback forms, two-digit or remapped years, padding, one- or two-digit offsets,
     * out-of-range offsets, US zone names, more than nine fraction digits (see the class comment).
     */
    private static final List<String> ACCEPTED_BY_NODE_BUT_REFUSED = List.of(
            "2025-02-30T10:00:00Z",
            "2025-04-31 10:00:00",
            "Mon, 30 Feb 2025 10:00:00 GMT",
            "Mon, 01 Dec 2025 23:59:60 GMT",
            "2025-12-01T10:00:00.1234567891Z",
            "2025-12-01",
            "2025",
            "+002025-12-01T10:00:00Z",
            "12/01/2025 10:00",
            "2025/12/01 10:00:00",
            "Dec 1 10:00:00 2025",
            "Mon, 01-Dec-2025 10:00:00 GMT",
            "Mon, 01 Dec 25 10:00:00 GMT",
            "0050-12-01 10:00:00",
            "Mon, 01 December 2025 10:00:00 GMT",
            "Monday, 01 Dec 2025 10:00:00 GMT",
            "Mon,01 Dec 2025 10:00:00 GMT",
            " 2025-12-01 10:00:00",
            "2025-12-01 10:00:00 ",
            "2025-12-01  10:00:00",
            "2025-12-01 1:00:00",
            "2025-12-01 10:00:",
            "2025-12-01 10:00:00+07",
            "2025-12-01 10:00:00+24:00",
            "Mon, 01 Dec 2025 17:00:00 +07",
            "Mon, 01 Dec 2025 17:00:00 +7",
            "Mon, 01 Dec 2025 10:00:00 +0760",
            "Mon, 01 Dec 2025 05:00:00 EST",
            "Mon, 01 Dec 2025 10:00:00 PM",
            "Mon, 01 Dec 2025 10:00:00 Z+0700",
            "Mon Dec 01 2025 17:00:00 GMT+0700 (x (y) z)",
            "Mon Dec 01 2025 17:00:00 GMT+0700 (x",
            "Mon Dec 01 2025 17:00:00 (x)",
            "2025-12-01 10:00:00+07:00 (WIB)"
    );

    @Example
    void node_oddities_outside_the_forms_are_refused() {
        assertThat(ACCEPTED_BY_NODE_BUT_REFUSED).allSatisfy(text -> assertThat(RequestTimestamp.parse(text)).as(text).isEmpty());
    }

    /** Names and the {@code T} match ignoring ASCII case only; java.time alone would read these look-alikes. */
    @Example
    void non_ascii_look_alikes_of_names_are_refused() {
        assertThat(RequestTimestamp.parse("01 \u017Fep 2025 10:00:00 GMT")).isEmpty();
        assertThat(RequestTimestamp.parse("Fr\u0131, 01 Dec 2025 10:00:00 GMT")).isEmpty();
        assertThat(RequestTimestamp.parse("\u017Fat Dec 01 2025 17:00:00 GMT+0700")).isEmpty();
        assertThat(RequestTimestamp.parse("Mon Dec 01 2025 17:00:00 GMT+0700 (\u017Fe)")).contains(Instant.parse("2025-12-01T10:00:00Z"));
    }

    // ---------------------------------------------------------------- robustness

    @Property
    void parse_never_throws(@ForAll String text) {
        RequestTimestamp.parse(text);
    }

    @Property(tries = 3000)
    void parse_never_throws_on_mangled_forms(@ForAll("mangled") String text) {
        RequestTimestamp.parse(text);
    }

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> valid = Arbitraries.of(ACCEPTED_BY_NODE).map(row -> row[0]);
        return valid.flatMap(base -> Arbitraries.integers().between(0, base.length()).flatMap(position ->
                Arbitraries.of('0', '9', '-', '+', ':', 'T', 'Z', '.', ' ', '(', ')', ',', 'G', 'x').flatMap(c ->
                        Arbitraries.integers().between(0, 2).map(kind -> switch (kind) {
                            case 0 -> base.substring(0, position) + base.substring(Math.min(base.length(), position + 1));
                            case 1 -> base.substring(0, position) + c + base.substring(position);
                            default -> base.substring(0, position) + base.substring(0, Math.min(base.length(), position + 3));
                        }))));
    }
}
