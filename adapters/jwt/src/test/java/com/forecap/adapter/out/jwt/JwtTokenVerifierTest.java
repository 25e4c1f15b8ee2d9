package com.forecap.adapter.out.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.forecap.adapter.out.jwt.testing.IdentityProvider;
import com.forecap.domain.auth.Authentication;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.auth.TokenVerifier;
import com.forecap.domain.user.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens from a real OpenID provider started for the test, and every forgery we know of. */
class JwtTokenVerifierTest {

    private static final String AUDIENCE = "forecap-recap";
    private static IdentityProvider provider;

    @BeforeAll
    static void start() {
        provider = IdentityProvider.rs256();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static JwtTokenVerifier verifier(IdentityProvider idp, Duration refreshAtMostEvery) {
        return new JwtTokenVerifier(new JwtTokenVerifier.Settings(idp.jwksUri(), idp.issuer(), Set.of(AUDIENCE), "sub",
                JwtTokenVerifier.Settings.DEFAULT_ALGORITHMS, Duration.ofSeconds(30), Duration.ofMinutes(5),
                refreshAtMostEvery, Duration.ofSeconds(2), 1_000));
    }

    private static Authentication accepted(long user) {
        return new Authentication.Accepted(new UserId(user));
    }

    private static Authentication refused(RejectionReason reason) {
        return new Authentication.Refused(reason);
    }

    @Test
    void a_token_the_provider_minted_names_its_user() {
        JwtTokenVerifier tokens = verifier(provider, Duration.ofMinutes(1));
        String token = provider.mint("42", AUDIENCE, Map.of(), 300);

        assertThat(tokens.verify(token)).isEqualTo(accepted(42));
        assertThat(tokens.verify(token)).as("the second time, from the remembered verdict").isEqualTo(accepted(42));
        assertThat(tokens.keySetFetches()).isEqualTo(1);
    }

    @Test
    void the_user_may_be_named_by_another_claim_as_a_string_or_a_number() {
        JwtTokenVerifier byUserId = new JwtTokenVerifier(new JwtTokenVerifier.Settings(provider.jwksUri(),
                provider.issuer(), Set.of(AUDIENCE), "user_id", Set.of("RS256"), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(2), 1_000));

        assertThat(byUserId.verify(provider.mint("alice", AUDIENCE, Map.of("user_id", "4294967295"), 300)))
                .isEqualTo(accepted(4_294_967_295L));
        assertThat(byUserId.verify(provider.mint("alice", AUDIENCE, Map.of("user_id", 7), 300))).isEqualTo(accepted(7));
        assertThat(byUserId.verify(provider.mint("alice", AUDIENCE, Map.of("user_id", "0"), 300)))
                .as("not a user id").isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(byUserId.verify(provider.mint("alice", AUDIENCE, Map.of("user_id", "4294967296"), 300)))
                .as("out of range").isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(byUserId.verify(provider.mint("alice", AUDIENCE, Map.of(), 300)))
                .as("no such claim").isEqualTo(refused(RejectionReason.INVALID_TOKEN));
    }

    @Test
    void expired_and_future_tokens_are_refused_beyond_the_clock_skew() {
        JwtTokenVerifier tokens = verifier(provider, Duration.ofMinutes(1));

        assertThat(tokens.verify(provider.mint("42", AUDIENCE, Map.of(), -120)))
                .isEqualTo(refused(RejectionReason.EXPIRED_TOKEN));
        assertThat(tokens.verify(provider.mint("42", AUDIENCE, Map.of(), -10)))
                .as("within the 30 s skew").isEqualTo(accepted(42));
        Instant later = Instant.now().plusSeconds(600);
        assertThat(tokens.verify(provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 900)
                .notBeforeTime(Date.from(later)).build()))).isEqualTo(refused(RejectionReason.EXPIRED_TOKEN));
        assertThat(tokens.verify(provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 900)
                .notBeforeTime(Date.from(Instant.now().plusSeconds(10))).build())))
                .as("not before, within the skew").isEqualTo(accepted(42));
        assertThat(tokens.verify(provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 900)
                .expirationTime(null).build()))).as("no expiry at all").isEqualTo(refused(RejectionReason.INVALID_TOKEN));
    }

    @Test
    void another_audience_or_issuer_is_refused() {
        JwtTokenVerifier tokens = verifier(provider, Duration.ofMinutes(1));

        assertThat(tokens.verify(provider.mint("42", "another-service", Map.of(), 300)))
                .isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(tokens.verify(provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 300)
                .issuer("https://elsewhere.example/").build()))).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
    }

    @Test
    void forgeries_are_refused() throws Exception {
        JwtTokenVerifier tokens = verifier(provider, Duration.ofMinutes(1));
        JWTClaimsSet claims = provider.claims("42", AUDIENCE, 300).build();

        // alg=none
        assertThat(tokens.verify(new PlainJWT(claims).serialize())).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        // HS256 with the provider's public key as the HMAC secret (key confusion)
        byte[] publicKey = provider.currentPublicKey().toRSAKey().toRSAPublicKey().getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        for (byte[] secret : new byte[][] {publicKey, pem}) {
            SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(provider.currentPublicKey().getKeyID()).build(), claims);
            hs.sign(new MACSigner(secret));
            assertThat(tokens.verify(hs.serialize())).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        }
        // a key of our own under the provider's key id
        RSAKey own = new RSAKeyGenerator(2048).keyID(provider.currentPublicKey().getKeyID()).generate();
        SignedJWT impostor = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(own.getKeyID()).build(), claims);
        impostor.sign(new RSASSASigner(own));
        assertThat(tokens.verify(impostor.serialize())).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        // a genuine token with its payload changed
        String genuine = provider.mint("42", AUDIENCE, Map.of(), 300);
        String[] parts = genuine.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"42\"", "\"43\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + payload + "." + parts[2])).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        // not a token at all, and one too long to read
        assertThat(tokens.verify("not.a.token")).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(tokens.verify("")).isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(tokens.verify("a".repeat(JwtTokenVerifier.MAX_TOKEN_LENGTH + 1)))
                .isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        // a token type that is not an access token
        assertThat(tokens.verify(provider.sign(new JOSEObjectType("secevent+jwt"), claims)))
                .isEqualTo(refused(RejectionReason.INVALID_TOKEN));
        assertThat(tokens.verify(genuine)).as("the genuine one still passes").isEqualTo(accepted(42));
    }

    @Test
    void a_rotated_key_is_fetched_once_and_unknown_key_ids_do_not_fetch_again_within_the_interval() {
        try (IdentityProvider rotating = IdentityProvider.rs256()) {
            JwtTokenVerifier tokens = verifier(rotating, Duration.ofMinutes(1));
            String before = rotating.mint("42", AUDIENCE, Map.of(), 300);
            assertThat(tokens.verify(before)).isEqualTo(accepted(42));
            assertThat(tokens.keySetFetches()).isEqualTo(1);

            rotating.rotate();
            String after = rotating.mint("43", AUDIENCE, Map.of(), 300);
            assertThat(tokens.verify(after)).as("signed with the new key").isEqualTo(accepted(43));
            assertThat(tokens.keySetFetches()).as("one fetch for the unknown key id").isEqualTo(2);
            assertThat(tokens.verify(rotating.mint("44", AUDIENCE, Map.of(), 300))).isEqualTo(accepted(44));
            assertThat(tokens.verify(rotating.mint("42", AUDIENCE, Map.of(), 300))).isEqualTo(accepted(42));

            rotating.rotate();
            String third = rotating.mint("45", AUDIENCE, Map.of(), 300);
            for (int i = 0; i < 20; i++) {
                assertThat(tokens.verify(third)).as("a new key within the minute is not fetched")
                        .isEqualTo(refused(RejectionReason.INVALID_TOKEN));
            }
            assertThat(tokens.keySetFetches()).isEqualTo(2);
        }
    }

    @Test
    void unknown_key_ids_fetch_at_most_twice_per_interval() throws Exception {
        try (IdentityProvider rotating = IdentityProvider.rs256()) {
            JwtTokenVerifier tokens = verifier(rotating, Duration.ofSeconds(2));
            assertThat(tokens.verify(rotating.mint("42", AUDIENCE, Map.of(), 300))).isEqualTo(accepted(42));
            Thread.sleep(2_100);
            for (int kid = 0; kid < 5; kid++) {
                rotating.rotate();
                tokens.verify(rotating.mint("42", AUDIENCE, Map.of(), 300));
            }
            assertThat(tokens.keySetFetches()).as("the first load, then at most two in the interval (5 unknown ids)")
                    .isBetween(2L, 3L);
        }
    }

    @Test
    void a_rotated_key_is_accepted_once_the_interval_has_passed() throws Exception {
        try (IdentityProvider rotating = IdentityProvider.rs256()) {
            JwtTokenVerifier tokens = verifier(rotating, Duration.ofMillis(300));
            assertThat(tokens.verify(rotating.mint("42", AUDIENCE, Map.of(), 300))).isEqualTo(accepted(42));
            rotating.rotate();
            rotating.rotate();
            String token = rotating.mint("42", AUDIENCE, Map.of(), 300);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Authentication verdict = tokens.verify(token);
            while (!verdict.equals(accepted(42)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                verdict = tokens.verify(token);
            }
            assertThat(verdict).isEqualTo(accepted(42));
        }
    }

    @Test
    void es256_tokens_are_accepted_by_default() {
        try (IdentityProvider ec = IdentityProvider.es256()) {
            assertThat(verifier(ec, Duration.ofMinutes(1)).verify(ec.mint("42", AUDIENCE, Map.of(), 300)))
                    .isEqualTo(accepted(42));
        }
    }

    @Test
    void a_provider_that_cannot_be_reached_makes_tokens_unjudgeable_not_invalid() {
        String token;
        JwtTokenVerifier tokens;
        try (IdentityProvider gone = IdentityProvider.rs256()) {
            token = gone.mint("42", AUDIENCE, Map.of(), 300);
            tokens = verifier(gone, Duration.ofMinutes(1));
        }
        JwtTokenVerifier unreachable = tokens;
        assertThatThrownBy(() -> unreachable.verify(token)).isInstanceOf(TokenVerifier.KeysUnavailableException.class)
                .hasMessageNotContaining(token);
    }

    @Test
    void the_start_up_exercise_passes_every_token_it_signs() {
        assertThat(JwtTokenVerifier.exercise(20)).isEqualTo(20);
    }

    @Test
    void settings_refuse_symmetric_algorithms_and_missing_audience() {
        assertThatThrownBy(() -> new JwtTokenVerifier.Settings(provider.jwksUri(), provider.issuer(), Set.of(AUDIENCE),
                "sub", Set.of("HS256"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(2), 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public-key");
        assertThatThrownBy(() -> new JwtTokenVerifier.Settings(provider.jwksUri(), provider.issuer(), Set.of(),
                "sub", Set.of("RS256"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofSeconds(2), 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    }
}
