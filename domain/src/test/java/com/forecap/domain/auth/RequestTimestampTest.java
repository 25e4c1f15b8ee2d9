package com.forecap.domain.auth;

import java.time.Instant;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimestampTest {

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
    void refuses_other_forms() {
        assertThat(RequestTimestamp.parse(null)).isEmpty();
        assertThat(RequestTimestamp.parse("")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T00:00:00+07:00")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01 00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-02-30T00:00:00Z")).isEmpty();
        assertThat(RequestTimestamp.parse("2025-12-01T24:00:00Z")).isEmpty();
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

    @Property
    void parse_never_throws(@ForAll String text) {
        RequestTimestamp.parse(text);
    }

    /** The JDK's own strict parser of the same forms, as the reference. */
    private static final java.time.format.DateTimeFormatter REFERENCE = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendLiteral('Z').toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT)
            .withZone(java.time.ZoneOffset.UTC);

    @Property(tries = 3000)
    void agrees_with_the_jdk_parser_on_near_miss_texts(@ForAll("timestampLike") String text) {
        java.util.Optional<Instant> expected;
        try {
            expected = java.util.Optional.of(REFERENCE.parse(text, Instant::from));
        } catch (java.time.DateTimeException e) {
            expected = java.util.Optional.empty();
        }
        assertThat(RequestTimestamp.parse(text)).as(text).isEqualTo(expected);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> timestampLike() {
        net.jqwik.api.Arbitrary<String> valid = net.jqwik.api.Arbitraries.longs().between(0, 4_102_444_800_000L)
                .map(millis -> Instant.ofEpochMilli(millis).toString());
        return valid.flatMap(base -> net.jqwik.api.Arbitraries.integers().between(0, base.length() - 1).flatMap(position ->
                net.jqwik.api.Arbitraries.of('0', '9', '3', '-', ':', 'T', 'Z', '.', ' ', 'x', '1').map(c ->
                        base.substring(0, position) + c + base.substring(position + 1))));
    }
}
