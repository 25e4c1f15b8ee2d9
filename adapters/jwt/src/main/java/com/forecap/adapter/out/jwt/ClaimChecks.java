package com.forecap.adapter.out.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claim checks of a token: one whose {@code nbf} lies ahead (beyond the skew) is refused before the other
 * checks, with {@link NotYetValidException}; then the configured issuer, one of the configured audiences,
 * {@code exp} and the user claim present, and {@code exp} and {@code nbf} within the clock skew.
 */
final class ClaimChecks implements JWTClaimsSetVerifier<SecurityContext> {

    private final JWTClaimsSetVerifier<SecurityContext> claims;
    private final Duration skew;

    /**
     * Creates the checks.
     *
     * @param settings what a token must say
     */
    ClaimChecks(JwtTokenVerifier.Settings settings) {
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("exp", settings.userClaim()), Set.of());
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        this.claims = claims;
        this.skew = settings.clockSkew();
    }

    @Override
    public void verify(JWTClaimsSet set, SecurityContext context) throws BadJWTException {
        Date notBefore = set.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(Instant.now().plus(skew))) {
            throw new NotYetValidException();
        }
        claims.verify(set, context);
    }

    /** A token used before its {@code nbf}. */
    static final class NotYetValidException extends BadJWTException {
        private static final long serialVersionUID = 1L;

        NotYetValidException() {
            super("JWT before use time");
        }
    }
}
