package com.forecap.adapter.out.jwt.testing;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyGenerator;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OpenID provider for tests (mock-oauth2-server, started on a free loopback port): discovery
 * document, JWKS, token endpoint. Its signing key can be rotated; the JWKS then lists the new key and
 * the old ones, as providers do during a rollover. Besides the provider's own tokens, tests can sign any
 * header and claims with the provider's current key, to build tokens a provider would never mint.
 */
public final class IdentityProvider implements AutoCloseable {

    /** The issuer id in the provider's URLs. */
    public static final String ISSUER_ID = "forecap-app";

    private final String algorithm;
    private final RotatingKeys keys;
    private final MockOAuth2Server server;

    private IdentityProvider(String algorithm) {
        this.algorithm = algorithm;
        this.keys = new RotatingKeys(algorithm);
        this.server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)),
                new JwksWithHistory(keys));
        server.start();
    }

    /**
     * Starts a provider that signs with RS256.
     *
     * @return the running provider
     */
    public static IdentityProvider rs256() {
        return new IdentityProvider("RS256");
    }

    /**
     * Starts a provider that signs with ES256.
     *
     * @return the running provider
     */
    public static IdentityProvider es256() {
        return new IdentityProvider("ES256");
    }

    /**
     * The issuer ({@code iss}) of this provider's tokens.
     *
     * @return the issuer URL
     */
    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /**
     * Where this provider publishes its keys.
     *
     * @return the JWKS URL
     */
    public URI jwksUri() {
        return server.jwksUrl(ISSUER_ID).uri();
    }

    /**
     * A token minted by the provider itself, as its token endpoint would.
     *
     * @param subject        the {@code sub} claim
     * @param audience       the {@code aud} claim
     * @param claims         more claims
     * @param expirySeconds  lifetime from now (negative: already expired)
     * @return the serialized token
     */
    public String mint(String subject, String audience, Map<String, Object> claims, long expirySeconds) {
        return server.issueToken(ISSUER_ID, subject, audience, claims, expirySeconds).serialize();
    }

    /**
     * Signs any header and claims with the provider's current key.
     *
     * @param type   the {@code typ} header, or {@code null}
     * @param claims the claims
     * @return the serialized token
     */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        JWK key = keys.signingKey(ISSUER_ID);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID(key.getKeyID()).type(type).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign("RS256".equals(algorithm) ? new RSASSASigner(key.toRSAKey()) : new ECDSASigner(key.toECKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * Claims as this provider puts them in a token: issuer, audience, subject, issued now.
     *
     * @param subject       the {@code sub} claim
     * @param audience      the {@code aud} claim
     * @param expirySeconds lifetime from now
     * @return a builder to add to
     */
    public JWTClaimsSet.Builder claims(String subject, String audience, long expirySeconds) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(expirySeconds))).jwtID(UUID.randomUUID().toString());
    }

    /**
     * The public half of the current signing key.
     *
     * @return the public key as a JWK
     */
    public JWK currentPublicKey() {
        return keys.signingKey(ISSUER_ID).toPublicJWK();
    }

    /** Makes a new signing key current; the JWKS keeps listing the old ones. */
    public void rotate() {
        keys.rotate(ISSUER_ID);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** One current key per issuer, and every key it ever had. */
    private static final class RotatingKeys extends KeyProvider {
        private final String algorithm;
        private final Map<String, JWK> current = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, List<JWK>> history = new java.util.concurrent.ConcurrentHashMap<>();

        RotatingKeys(String algorithm) {
            super(List.of(), algorithm);
            this.algorithm = algorithm;
        }

        @Override
        public JWK signingKey(String issuerId) {
            return current.computeIfAbsent(issuerId, this::newKey);
        }

        void rotate(String issuerId) {
            current.put(issuerId, newKey(issuerId));
        }

        JWKSet published(String issuerId) {
            signingKey(issuerId);
            return new JWKSet(new ArrayList<>(history.getOrDefault(issuerId, List.of()))).toPublicJWKSet();
        }

        private JWK newKey(String issuerId) {
            JWK key = new KeyGenerator(JWSAlgorithm.parse(algorithm), KeyGenerator.Companion.generate(algorithm))
                    .generateKey(issuerId + "-" + UUID.randomUUID());
            history.computeIfAbsent(issuerId, id -> new CopyOnWriteArrayList<>()).add(key);
            return key;
        }
    }

    /** Serves every key an issuer ever had at its JWKS address. */
    private record JwksWithHistory(RotatingKeys keys) implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return "GET".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/jwks");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            String issuerId = String.join("/", segments.subList(0, segments.size() - 1));
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
                    keys.published(issuerId).toString(), null);
        }
    }
}
