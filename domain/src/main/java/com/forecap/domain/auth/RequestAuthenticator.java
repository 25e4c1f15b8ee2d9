package com.forecap.domain.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.forecap.domain.user.UserId;

/**
 * Decides whether a recap request is genuine and allowed now. Checks run cheapest first: presence,
 * user id, timestamp form, freshness, campaign window, and last the signature.
 *
 * <p>The {@code timestamp} header may come in any of the forms {@link RequestTimestamp} reads (ISO-8601
 * with {@code Z}, an offset or no zone, with {@code T} or a space, RFC 1123, {@code Date.prototype.toString()}).
 * Freshness is judged on the instant it denotes; the signature stays computed over the header text
 * exactly as received, whatever its form.
 */
public final class RequestAuthenticator {

    private final SignatureScheme scheme;
    private final FreshnessWindow freshness;
    private final CampaignWindow campaign;

    /**
     * Creates the authenticator.
     *
     * @param scheme    how signatures are checked
     * @param freshness how old or new a timestamp may be
     * @param campaign  when requests are allowed at all
     */
    public RequestAuthenticator(SignatureScheme scheme, FreshnessWindow freshness, CampaignWindow campaign) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.campaign = Objects.requireNonNull(campaign, "campaign");
    }

    /**
     * Judges one request.
     *
     * @param timestamp the {@code timestamp} header as received, {@code null} when absent
     * @param userId    the {@code user_id} header, {@code null} when absent
     * @param sign      the {@code sign} header, {@code null} when absent
     * @param now       the service's current time
     * @return the authenticated user, or the reason for refusal
     */
    public Authentication authenticate(String timestamp, String userId, String sign, Instant now) {
        if (isBlank(timestamp) || isBlank(userId) || isBlank(sign)) {
            return new Authentication.Refused(RejectionReason.MISSING_HEADERS);
        }
        Optional<UserId> id = UserId.parse(userId);
        if (id.isEmpty()) {
            return new Authentication.Refused(RejectionReason.INVALID_USER_ID);
        }
        Optional<Instant> instant = RequestTimestamp.parse(timestamp);
        if (instant.isEmpty()) {
            return new Authentication.Refused(RejectionReason.INVALID_TIMESTAMP);
        }
        Optional<RejectionReason> refusal = freshness.check(instant.get(), now).or(() -> campaign.check(now));
        if (refusal.isPresent()) {
            return new Authentication.Refused(refusal.get());
        }
        if (!scheme.verify(timestamp, userId, sign)) {
            return new Authentication.Refused(RejectionReason.INVALID_SIGNATURE);
        }
        return new Authentication.Accepted(id.get());
    }

    /**
     * The signature scheme in force.
     *
     * @return the scheme
     */
    public SignatureScheme scheme() {
        return scheme;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
