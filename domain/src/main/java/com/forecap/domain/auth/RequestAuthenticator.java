package com.forecap.domain.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.forecap.domain.user.UserId;

/**
 * Decides whether a recap request is genuine and allowed now. A deployment accepts a signature scheme
 * (the {@code timestamp}, {@code user_id} and {@code sign} headers), bearer tokens from its identity
 * provider ({@code Authorization: Bearer}), or both during a migration.
 *
 * <p>A request with a bearer token, where tokens are accepted, is judged on the token alone: it must be
 * valid and name a user; a {@code user_id} header, when present, must be that user. A request without
 * one is judged on its signature headers, checks cheapest first: presence, user id, timestamp form,
 * freshness, campaign window, and last the signature. Where only tokens are accepted, it is refused.
 *
 * <p>The {@code timestamp} header may come in any of the forms {@link RequestTimestamp} reads (ISO-8601
 * with {@code Z}, an offset or no zone, with {@code T} or a space, RFC 1123, {@code Date.prototype.toString()}).
 * Freshness is judged on the instant it denotes; the signature stays computed over the header text
 * exactly as received, whatever its form.
 */
public final class RequestAuthenticator {

    private static final String BEARER = "Bearer ";

    private final SignatureScheme scheme;
    private final TokenVerifier tokens;
    private final FreshnessWindow freshness;
    private final CampaignWindow campaign;

    /**
     * Creates an authenticator that accepts signatures only.
     *
     * @param scheme    how signatures are checked
     * @param freshness how old or new a timestamp may be
     * @param campaign  when requests are allowed at all
     */
    public RequestAuthenticator(SignatureScheme scheme, FreshnessWindow freshness, CampaignWindow campaign) {
        this(Optional.of(scheme), Optional.empty(), freshness, campaign);
    }

    /**
     * Creates an authenticator.
     *
     * @param scheme    how signatures are checked; empty when signatures are not accepted
     * @param tokens    how bearer tokens are checked; empty when tokens are not accepted
     * @param freshness how old or new a signed timestamp may be
     * @param campaign  when requests are allowed at all
     * @throws IllegalArgumentException when neither signatures nor tokens are accepted
     */
    public RequestAuthenticator(Optional<SignatureScheme> scheme, Optional<TokenVerifier> tokens,
                                FreshnessWindow freshness, CampaignWindow campaign) {
        if (scheme.isEmpty() && tokens.isEmpty()) {
            throw new IllegalArgumentException("accept at least one kind of credential: a signature scheme or tokens");
        }
        this.scheme = scheme.orElse(null);
        this.tokens = tokens.orElse(null);
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
        return authenticate(timestamp, userId, sign, null, now);
    }

    /**
     * Judges one request that may carry a bearer token.
     *
     * @param timestamp     the {@code timestamp} header as received, {@code null} when absent
     * @param userId        the {@code user_id} header, {@code null} when absent
     * @param sign          the {@code sign} header, {@code null} when absent
     * @param authorization the {@code Authorization} header, {@code null} when absent
     * @param now           the service's current time
     * @return the authenticated user, or the reason for refusal
     */
    public Authentication authenticate(String timestamp, String userId, String sign, String authorization,
                                       Instant now) {
        if (tokens != null && isBearer(authorization)) {
            return bearer(authorization.substring(BEARER.length()).strip(), userId, now);
        }
        if (scheme == null) {
            return new Authentication.Refused(RejectionReason.MISSING_TOKEN);
        }
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
     * Whether signatures are accepted: the requests that do not name their user in a token.
     *
     * @return whether a signature scheme is in force
     */
    public boolean acceptsSignatures() {
        return scheme != null;
    }

    private Authentication bearer(String token, String userId, Instant now) {
        Authentication verdict = tokens.verify(token);
        if (!(verdict instanceof Authentication.Accepted accepted)) {
            return verdict;
        }
        if (userId != null) {
            Optional<UserId> requested = UserId.parse(userId);
            if (requested.isEmpty()) {
                return new Authentication.Refused(RejectionReason.INVALID_USER_ID);
            }
            if (!requested.get().equals(accepted.userId())) {
                return new Authentication.Refused(RejectionReason.TOKEN_FOR_ANOTHER_USER);
            }
        }
        Optional<RejectionReason> closed = campaign.check(now);
        return closed.<Authentication>map(Authentication.Refused::new).orElse(accepted);
    }

    /**
     * Whether an {@code Authorization} header carries a bearer token ({@code Bearer }, in any case).
     *
     * @param authorization the header, or {@code null}
     * @return whether it does
     */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
