package com.forecap.domain.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class LegacySignatureSchemeTest {

    private final LegacySignatureScheme scheme = new LegacySignatureScheme("forecap2025");

    @Example
    void matches_the_guides_shell_recipe() {
        // echo -n "2025-12-01T00:00:00Zforecap20251" | base64
        assertThat(scheme.sign("2025-12-01T00:00:00Z", "1")).isEqualTo("MjAyNS0xMi0wMVQwMDowMDowMFpmb3JlY2FwMjAyNTE=");
        assertThat(scheme.verify("2025-12-01T00:00:00Z", "1", "MjAyNS0xMi0wMVQwMDowMDowMFpmb3JlY2FwMjAyNTE=")).isTrue();
    }

    @Property
    void signs_base64_of_timestamp_secret_and_id(
            @ForAll @StringLength(min = 1, max = 30) @AlphaChars @NumericChars String timestamp,
            @ForAll @LongRange(min = 1, max = 4_294_967_295L) long id) {
        String expected = Base64.getEncoder()
                .encodeToString((timestamp + "forecap2025" + id).getBytes(StandardCharsets.UTF_8));
        assertThat(scheme.sign(timestamp, Long.toString(id))).isEqualTo(expected);
        assertThat(scheme.verify(timestamp, Long.toString(id), expected)).isTrue();
    }

    @Property
    void any_other_signature_is_refused(@ForAll String sign) {
        String right = scheme.sign("2025-12-01T00:00:00.000Z", "42");
        if (!sign.equals(right)) {
            assertThat(scheme.verify("2025-12-01T00:00:00.000Z", "42", sign)).isFalse();
        }
    }

    @Property
    void a_signature_is_bound_to_its_user(@ForAll @LongRange(min = 1, max = 1_000_000) long id) {
        String sign = scheme.sign("2025-12-01T00:00:00Z", Long.toString(id));
        assertThat(scheme.verify("2025-12-01T00:00:00Z", Long.toString(id + 1), sign)).isFalse();
    }

    @Example
    void another_secret_does_not_verify() {
        String sign = new LegacySignatureScheme("other").sign("2025-12-01T00:00:00Z", "1");
        assertThat(scheme.verify("2025-12-01T00:00:00Z", "1", sign)).isFalse();
    }

    @Example
    void an_empty_secret_signs_timestamp_and_id() {
        LegacySignatureScheme empty = new LegacySignatureScheme("");
        String expected = Base64.getEncoder().encodeToString("2025-12-01T00:00:00Z7".getBytes(StandardCharsets.US_ASCII));
        assertThat(empty.verify("2025-12-01T00:00:00Z", "7", expected)).isTrue();
    }

    @Example
    void null_parts_are_never_valid() {
        assertThat(scheme.verify(null, "1", "x")).isFalse();
        assertThat(scheme.verify("t", null, "x")).isFalse();
        assertThat(scheme.verify("t", "1", null)).isFalse();
    }

    @Example
    void is_named_legacy() {
        assertThat(scheme.name()).isEqualTo("legacy");
    }
}
