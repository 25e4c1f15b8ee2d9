package com.forecap.adapter.out.jwt;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import com.forecap.domain.auth.Authentication;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.auth.TokenVerifier;
import com.forecap.domain.user.UserId;

/**
 * Checks bearer tokens minted by the app's identity provider: signed JWTs (RS256 or ES256 by default;
 * {@code alg=none}, HMAC and any algorithm not listed are refused) whose key is in the provider's JWKS,
 * from the configured issuer, for the configured audience, within {@code exp} and {@code nbf} give or
 * take a small clock skew, naming a user in the configured claim.
 *
 * <p>The key set is fetched on first use and cached ({@link Settings#keysTtl()}); a token signed with a
 * key id the cache does not hold (the provider rotated its keys) makes it fetch again, at most twice per
 * {@link Settings#refreshAtMostEvery()} (Nimbus's limiter lets a second fetch through, so that a rotation
 * just after a fetch is seen); other unknown key ids in that time are refused without a fetch. While the provider cannot be reached, the last key set keeps
 * serving for up to an hour.
 *
 * <p>A verified token is remembered by its SHA-256 (not the token itself) until it expires, so a client
 * that sends the same token again costs a hash and a lookup instead of a signature check. Only verified
 * tokens are remembered, so refused ones cannot fill the memory; the number remembered is bounded.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    /** The longest token read; longer ones are refused unread. */
    public static final int MAX_TOKEN_LENGTH = 8192;

    private final Settings settings;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final VerifiedTokens verified;
    private final LongAdder keySetFetches;

    /**
     * Creates the verifier; nothing is fetched until the first token.
     *
     * @param settings the provider and what a token must say
     */
    public JwtTokenVerifier(Settings settings) {
        this(settings, new LongAdder());
    }

    private JwtTokenVerifier(Settings settings, LongAdder fetches) {
        this(settings, ProviderKeys.of(settings, fetches), fetches);
    }

    private JwtTokenVerifier(Settings settings, JWKSource<SecurityContext> keys, LongAdder fetches) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = keys;
        this.keySetFetches = fetches;
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        settings.algorithms().forEach(name -> algorithms.add(JWSAlgorithm.parse(name)));

        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        processor.setJWTClaimsSetVerifier(new ClaimChecks(settings));

        verified = new VerifiedTokens(settings.remembered());
    }

    /**
     * Fetches the provider's key set now, so that the first token does not wait for it; for the start.
     *
     * @return how many keys the set holds
     * @throws KeysUnavailableException when it cannot be fetched
     */
    public int fetchKeys() {
        try {
            return keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).size();
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("the identity provider's keys cannot be fetched from "
                    + settings.jwksUri() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the whole check, for the start-up warm-up, on tokens signed with keys made up for the run
     * (RS256 and ES256, in memory, nothing fetched): {@code tokens} checks of a signature each, then as
     * many of remembered tokens.
     *
     * @param tokens how many signatures to check
     * @return the number of tokens that passed (all of them, unless something is broken)
     */
    public static int exercise(int tokens) {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("warm-up-rs256").generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("warm-up-es256").generate();
            JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
            IntFunction<JwtTokenVerifier> remembering = remembered -> new JwtTokenVerifier(new Settings(
                    URI.create("http://warm-up.invalid/jwks"), "warm-up", Set.of("warm-up"), "sub",
                    Settings.DEFAULT_ALGORITHMS, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1),
                    Duration.ofSeconds(1), remembered), keys, new LongAdder());
            JwtTokenVerifier checking = remembering.apply(0);
            JwtTokenVerifier cached = remembering.apply(64);
            List<String> signed = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < 16; i++) {
                JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("warm-up").audience("warm-up")
                        .subject(Integer.toString(1 + i)).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(600))).build();
                boolean rs = i % 2 == 0;
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(rs ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256)
                        .keyID(rs ? rsa.getKeyID() : ec.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(rs ? new RSASSASigner(rsa) : new ECDSASigner(ec));
                signed.add(jwt.serialize());
            }
            int passed = 0;
            for (int i = 0; i < tokens; i++) {
                String token = signed.get(i % signed.size());
                passed += checking.verify(token) instanceof Authentication.Accepted ? 1 : 0;
                passed += cached.verify(token) instanceof Authentication.Accepted ? 1 : 0;
            }
            return passed / 2;
        } catch (JOSEException e) {
            throw new IllegalStateException("the token warm-up could not sign: " + e.getMessage(), e);
        }
    }

    @Override
    public Authentication verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return refused(RejectionReason.INVALID_TOKEN);
        }
        VerifiedTokens.TokenHash hash = VerifiedTokens.hash(token);
        Authentication.Accepted known = verified.known(hash);
        if (known != null) {
            return known;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException | ClaimChecks.NotYetValidException e) {
            return refused(RejectionReason.EXPIRED_TOKEN);
        } catch (ParseException | BadJOSEException e) {
            return refused(RejectionReason.INVALID_TOKEN);
        } catch (RateLimitReachedException e) {
            // an unknown key id while the key set was fetched a moment ago: no key for it
            return refused(RejectionReason.INVALID_TOKEN);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("the identity provider's keys cannot be fetched from "
                    + settings.jwksUri() + ": " + e.getMessage(), e);
        } catch (JOSEException | RuntimeException e) {
            return refused(RejectionReason.INVALID_TOKEN);
        }
        Optional<UserId> user = userOf(claims.getClaim(settings.userClaim()));
        if (user.isEmpty()) {
            return refused(RejectionReason.INVALID_TOKEN);
        }
        Authentication.Accepted accepted = new Authentication.Accepted(user.get());
        verified.remember(hash, accepted, claims.getExpirationTime().toInstant());
        return accepted;
    }

    /**
     * How many times the key set was fetched from the provider.
     *
     * @return the count
     */
    public long keySetFetches() {
        return keySetFetches.sum();
    }

    private static Optional<UserId> userOf(Object claim) {
        return switch (claim) {
            case String text -> UserId.parse(text);
            case Long number -> UserId.parse(Long.toString(number));
            case Integer number -> UserId.parse(Integer.toString(number));
            case null, default -> Optional.empty();
        };
    }

    private static Authentication refused(RejectionReason reason) {
        return new Authentication.Refused(reason);
    }

    /**
     * The provider and what a token must say.
     *
     * @param jwksUri            where the provider publishes its keys (JWKS)
     * @param issuer             the {@code iss} a token must carry
     * @param audiences          the {@code aud} values accepted (a token must carry one of them)
     * @param userClaim          the claim that names the user, e.g. {@code sub}
     * @param algorithms         the signature algorithms accepted, e.g. {@code RS256}, {@code ES256}
     * @param clockSkew          how far {@code exp} and {@code nbf} may be off the service's clock
     * @param keysTtl            how long a fetched key set is used before it is fetched again
     * @param refreshAtMostEvery the shortest time between two fetches (an unknown key id fetches again)
     * @param fetchTimeout       connect and read timeout of a fetch
     * @param remembered         how many verified tokens are remembered by hash
     */
    public record Settings(URI jwksUri, String issuer, Set<String> audiences, String userClaim, Set<String> algorithms,
                           Duration clockSkew, Duration keysTtl, Duration refreshAtMostEvery, Duration fetchTimeout,
                           int remembered) {

        /** Signature algorithms accepted unless configured. */
        public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
        private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

        /** Checks and copies. */
        public Settings {
            Objects.requireNonNull(jwksUri, "jwksUri");
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("the token issuer (iss) must be configured");
            }
            if (audiences == null || audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("the token audience (aud) must be configured");
            }
            if (userClaim == null || userClaim.isBlank()) {
                throw new IllegalArgumentException("the claim naming the user must be configured");
            }
            if (algorithms == null || algorithms.isEmpty() || !ASYMMETRIC.containsAll(algorithms)) {
                throw new IllegalArgumentException("token algorithms must be public-key ones from " + ASYMMETRIC
                        + ", was " + algorithms);
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("the clock skew must be 0 to 5 minutes: " + clockSkew);
            }
            if (keysTtl.toSeconds() < 1 || refreshAtMostEvery.isNegative() || fetchTimeout.toMillis() < 1
                    || fetchTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("key set timings must be positive");
            }
            if (remembered < 0) {
                throw new IllegalArgumentException("the number of remembered tokens must be 0 or more: " + remembered);
            }
            audiences = Set.copyOf(audiences);
            algorithms = Set.copyOf(algorithms);
        }
    }
}
