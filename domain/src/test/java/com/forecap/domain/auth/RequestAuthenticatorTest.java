package com.forecap.domain.auth;

import java.time.Duration;
import java.time.Instant;

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

    private static Authentication refused(RejectionReason reason) {
        return new Authentication.Refused(reason);
    }
}
