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
    }

    @Property
    void parse_never_throws(@ForAll String text) {
        RequestTimestamp.parse(text);
    }
}
