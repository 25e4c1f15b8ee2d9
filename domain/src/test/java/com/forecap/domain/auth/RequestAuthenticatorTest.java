package com.forecap.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.forecap.domain.user.UserId;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2025-12-10T12:00:00Z");
    private final LegacySignatureScheme scheme = new LegacySignatureScheme("forecap2025");
    private final RequestAuthenticator authenticator =
            new RequestAuthenticator(scheme, FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS);

    private Authentication signed(String timestamp, String userId) {
        return authenticator.authenticate(timestamp, userId, scheme.sign(timestamp, userId), NOW);
    }

    @Example
    void accepts_a_fresh_signed_request() {
        assertThat(signed("2025-12-10T12:00:00Z", "1")).isEqualTo(new Authentication.Accepted(UserId.of(1)));
        assertThat(signed("2025-12-10T11:59:59.999Z", "4294967295"))
                .isEqualTo(new Authentication.Accepted(UserId.of(4_294_967_295L)));
    }

    @Property
    void freshness_bounds_are_inclusive(@ForAll @LongRange(min = -900, max = 300) long offsetSeconds) {
        String ts = NOW.plusSeconds(offsetSeconds).toString();
        Authentication result = signed(ts, "7");
        if (offsetSeconds < -600) {
            assertThat(result).isEqualTo(new Authentication.Refused(RejectionReason.EXPIRED_TIMESTAMP));
        } else if (offsetSeconds > 120) {
            assertThat(result).isEqualTo(new Authentication.Refused(RejectionReason.FUTURE_TIMESTAMP));
        } else {
            assertThat(result).isInstanceOf(Authentication.Accepted.class);
        }
    }

    @Example
    void refuses_each_kind_of_bad_request() {
        String ts = "2025-12-10T12:00:00Z";
        assertThat(authenticator.authenticate(null, "1", "x", NOW)).isEqualTo(refused(RejectionReason.MISSING_HEADERS));
        assertThat(authenticator.authenticate(ts, "", "x", NOW)).isEqualTo(refused(RejectionReason.MISSING_HEADERS));
        assertThat(authenticator.authenticate(ts, "1", null, NOW)).isEqualTo(refused(RejectionReason.MISSING_HEADERS));
        assertThat(signed(ts, "abc")).isEqualTo(refused(RejectionReason.INVALID_USER_ID));
        assertThat(signed(ts, "-1")).isEqualTo(refused(RejectionReason.INVALID_USER_ID));
        assertThat(signed(ts, "99999999999")).isEqualTo(refused(RejectionReason.INVALID_USER_ID));
        assertThat(signed("yesterday", "1")).isEqualTo(refused(RejectionReason.INVALID_TIMESTAMP));
        assertThat(authenticator.authenticate(ts, "1", scheme.sign(ts, "2"), NOW))
                .isEqualTo(refused(RejectionReason.INVALID_SIGNATURE));
    }

    @Example
    void campaign_window_refuses_outside_and_accepts_inside() {
        CampaignWindow window = new CampaignWindow(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-31T23:59:59.999Z"));
        RequestAuthenticator campaign = new RequestAuthenticator(scheme, FreshnessWindow.DEFAULT, window);
        String ts = "2025-12-10T12:00:00Z";
        assertThat(campaign.authenticate(ts, "1", scheme.sign(ts, "1"), NOW)).isInstanceOf(Authentication.Accepted.class);
        Instant after = Instant.parse("2026-01-01T00:00:00Z");
        String late = after.toString();
        assertThat(campaign.authenticate(late, "1", scheme.sign(late, "1"), after)).isEqualTo(refused(RejectionReason.CAMPAIGN_ENDED));
        Instant before = Instant.parse("2025-11-30T00:00:00Z");
        String early = before.toString();
        assertThat(campaign.authenticate(early, "1", scheme.sign(early, "1"), before))
                .isEqualTo(refused(RejectionReason.CAMPAIGN_NOT_STARTED));
    }

    @Example
    void a_custom_window_is_honoured() {
        RequestAuthenticator strict = new RequestAuthenticator(scheme,
                new FreshnessWindow(Duration.ofSeconds(30), Duration.ZERO), CampaignWindow.ALWAYS);
        String old = NOW.minusSeconds(31).toString();
        assertThat(strict.authenticate(old, "1", scheme.sign(old, "1"), NOW)).isEqualTo(refused(RejectionReason.EXPIRED_TIMESTAMP));
        String ahead = NOW.plusSeconds(1).toString();
        assertThat(strict.authenticate(ahead, "1", scheme.sign(ahead, "1"), NOW)).isEqualTo(refused(RejectionReason.FUTURE_TIMESTAMP));
    }

    /** One way of writing an instant in each accepted timestamp form. */
    private record Form(String name, Function<Instant, String> format) {
        static Form of(String name, String pattern, String zone) {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneId.of(zone));
            return new Form(name, formatter::format);
        }
    }

    private static final List<Form> FORMS = List.of(
            new Form("ISO UTC", Instant::toString),
            Form.of("ISO UTC with millis", "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", "UTC"),
            Form.of("ISO offset", "uuuu-MM-dd'T'HH:mm:ssxxx", "Asia/Jakarta"),
            Form.of("ISO offset without colon", "uuuu-MM-dd'T'HH:mm:ss.SSSxx", "America/New_York"),
            Form.of("space and Z", "uuuu-MM-dd HH:mm:ss'Z'", "UTC"),
            Form.of("space and offset", "uuuu-MM-dd HH:mm:ssxxx", "Asia/Kolkata"),
            Form.of("no zone", "uuuu-MM-dd'T'HH:mm:ss", "UTC"),
            Form.of("no zone with space", "uuuu-MM-dd HH:mm:ss.SSS", "UTC"),
            new Form("RFC 1123", DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneId.of("UTC"))::format),
            Form.of("RFC 1123 with offset", "EEE, dd MMM uuuu HH:mm:ss xx", "Asia/Jakarta"),
            Form.of("Date.toString()", "EEE MMM dd uuuu HH:mm:ss 'GMT'xx '(Western Indonesia Time)'", "Asia/Jakarta"),
            Form.of("Date.toString() without zone name", "EEE MMM dd uuuu HH:mm:ss 'GMT'xx", "America/St_Johns"));

    @Example
    void every_timestamp_form_is_accepted_when_fresh_and_refused_outside_the_window() {
        for (Form form : FORMS) {
            assertThat(signed(form.format().apply(NOW), "9")).as(form.name()).isEqualTo(new Authentication.Accepted(UserId.of(9)));
            assertThat(signed(form.format().apply(NOW.minusSeconds(600)), "9")).as(form.name()).isInstanceOf(Authentication.Accepted.class);
            assertThat(signed(form.format().apply(NOW.plusSeconds(120)), "9")).as(form.name()).isInstanceOf(Authentication.Accepted.class);
            assertThat(signed(form.format().apply(NOW.minusSeconds(601)), "9")).as(form.name())
                    .isEqualTo(refused(RejectionReason.EXPIRED_TIMESTAMP));
            assertThat(signed(form.format().apply(NOW.plusSeconds(121)), "9")).as(form.name())
                    .isEqualTo(refused(RejectionReason.FUTURE_TIMESTAMP));
        }
    }

    @Example
    void the_signature_covers_the_timestamp_as_written_not_the_instant() {
        String sent = "Wed Dec 10 2025 19:00:00 GMT+0700 (Western Indonesia Time)";
        String sameInstant = "2025-12-10T12:00:00Z";
        assertThat(authenticator.authenticate(sent, "3", scheme.sign(sent, "3"), NOW)).isEqualTo(new Authentication.Accepted(UserId.of(3)));
        assertThat(authenticator.authenticate(sent, "3", scheme.sign(sameInstant, "3"), NOW))
                .isEqualTo(refused(RejectionReason.INVALID_SIGNATURE));
    }

    @Example
    void texts_outside_the_accepted_forms_are_invalid_timestamps_even_when_signed() {
        // Node.js rejects the first, third and fourth; the second is its free-form fallback, out of scope.
        for (String text : List.of("2025-12-10T12:00:00+07", "12/10/2025 12:00", "2025-12-10T12:00:00 Z", "Wed, 10 Dec 2025 12:00:00 GMTx")) {
            assertThat(signed(text, "1")).as(text).isEqualTo(refused(RejectionReason.INVALID_TIMESTAMP));
        }
    }

    /** Tokens: "token-for-N" names user N, "expired" has expired, anything else is invalid. */
    private static final TokenVerifier TOKENS = token -> {
        if (token.startsWith("token-for-")) {
            return new Authentication.Accepted(UserId.of(Long.parseLong(token.substring("token-for-".length()))));
        }
        return refused("expired".equals(token) ? RejectionReason.EXPIRED_TOKEN : RejectionReason.INVALID_TOKEN);
    };

    @Example
    void a_bearer_token_names_the_user_and_a_user_id_header_must_agree_with_it() {
        RequestAuthenticator both = new RequestAuthenticator(java.util.Optional.of(scheme), java.util.Optional.of(TOKENS),
                FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS);

        assertThat(both.authenticate(null, null, null, "Bearer token-for-42", NOW))
                .isEqualTo(new Authentication.Accepted(UserId.of(42)));
        assertThat(both.authenticate(null, "42", null, "bearer  token-for-42 ", NOW))
                .as("scheme name in any case, spaces around the token").isEqualTo(new Authentication.Accepted(UserId.of(42)));
        assertThat(both.authenticate(null, "43", null, "Bearer token-for-42", NOW))
                .isEqualTo(refused(RejectionReason.TOKEN_FOR_ANOTHER_USER));
        assertThat(both.authenticate(null, "x", null, "Bearer token-for-42", NOW))
                .isEqualTo(refused(RejectionReason.INVALID_USER_ID));
        assertThat(both.authenticate(null, "42", null, "Bearer forged", NOW)).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(both.authenticate(null, "42", null, "Bearer expired", NOW)).isEqualTo(refused(RejectionReason.EXPIRED_TOKEN));
        String ts = NOW.toString();
        assertThat(both.authenticate(ts, "7", scheme.sign(ts, "7"), "Bearer forged", NOW))
                .as("a bad token is not rescued by a good signature").isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(both.authenticate(ts, "7", scheme.sign(ts, "7"), null, NOW))
                .as("without a token, the signature decides").isEqualTo(new Authentication.Accepted(UserId.of(7)));
        assertThat(both.authenticate(ts, "7", scheme.sign(ts, "7"), "Basic dXNlcjpwYXNz", NOW))
                .as("another authorization scheme is not a token").isEqualTo(new Authentication.Accepted(UserId.of(7)));
    }

    @Example
    void where_only_tokens_are_accepted_a_signature_reads_nothing() {
        RequestAuthenticator tokensOnly = new RequestAuthenticator(java.util.Optional.empty(), java.util.Optional.of(TOKENS),
                FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS);
        String ts = NOW.toString();

        assertThat(tokensOnly.authenticate(ts, "7", scheme.sign(ts, "7"), null, NOW))
                .isEqualTo(refused(RejectionReason.MISSING_TOKEN));
        assertThat(tokensOnly.authenticate(ts, "7", scheme.sign(ts, "7"), NOW)).isEqualTo(refused(RejectionReason.MISSING_TOKEN));
        assertThat(tokensOnly.acceptsSignatures()).isFalse();
        assertThat(tokensOnly.authenticate(null, null, null, "Bearer token-for-7", NOW))
                .isEqualTo(new Authentication.Accepted(UserId.of(7)));
    }

    @Example
    void a_token_is_refused_outside_the_campaign() {
        RequestAuthenticator closed = new RequestAuthenticator(java.util.Optional.empty(), java.util.Optional.of(TOKENS),
                FreshnessWindow.DEFAULT, new CampaignWindow(NOW.plusSeconds(60), null));
        assertThat(closed.authenticate(null, null, null, "Bearer token-for-7", NOW))
                .isEqualTo(refused(RejectionReason.CAMPAIGN_NOT_STARTED));
    }

    private static Authentication refused(RejectionReason reason) {
        return new Authentication.Refused(reason);
    }
}
