package com.forecap.bootstrap.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import com.forecap.bootstrap.JarProcess;
import com.forecap.bootstrap.SignedClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service with bearer tokens from a real OpenID provider started for the test: only a valid
 * token for the user reads the recap; every forgery is refused; a rotated key is picked up; during a
 * migration ({@code jwt,legacy}) both kinds of client read.
 */
class BearerTokenIT {

    private static final String AUDIENCE = "forecap-recap";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static IdentityProvider provider;
    private static RunningService tokensOnly;

    @BeforeAll
    static void start() {
        provider = IdentityProvider.rs256();
        tokensOnly = start("jwt");
    }

    @AfterAll
    static void stop() {
        tokensOnly.close();
        provider.close();
    }

    private static RunningService start(String schemes) {
        return LoopbackService.start(Map.of("AUTH_SCHEMES", schemes, "AUTH_JWT_JWKS_URI", provider.jwksUri().toString(),
                        "AUTH_JWT_ISSUER", provider.issuer(), "AUTH_JWT_AUDIENCE", AUDIENCE),
                "forecap.embedded.users", "1000", "forecap.warm-up", "PT0S");
    }

    private static HttpResponse<String> get(int port, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/user-data"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> bearer(int port, String token, String... more) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        headers.addAll(List.of(more));
        return get(port, headers.toArray(String[]::new));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body()).path("message").asText();
    }

    @Test
    void a_valid_token_reads_its_own_recap_with_or_without_user_id() throws Exception {
        String token = provider.mint("42", AUDIENCE, Map.of(), 300);

        HttpResponse<String> alone = bearer(tokensOnly.port(), token);
        assertThat(alone.statusCode()).isEqualTo(200);
        JsonNode recap = MAPPER.readTree(alone.body());
        assertThat(recap.path("userName").asText()).isNotBlank();
        assertThat(bearer(tokensOnly.port(), token, "user_id", "42").body()).isEqualTo(alone.body());
        assertThat(bearer(tokensOnly.port(), provider.mint("43", AUDIENCE, Map.of(), 300)).body())
                .as("another user's token reads another recap").isNotEqualTo(alone.body());

        HttpResponse<String> other = bearer(tokensOnly.port(), token, "user_id", "43");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(error(other)).isEqualTo("Token is not for this user");
        assertThat(bearer(tokensOnly.port(), provider.mint("999999", AUDIENCE, Map.of(), 300)).statusCode())
                .as("a user without a recap").isEqualTo(404);
    }

    @Test
    void without_a_token_nothing_is_readable_not_even_with_the_legacy_signature() throws Exception {
        HttpResponse<String> none = get(tokensOnly.port());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none)).isEqualTo("Missing bearer token");
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"forecap\"");

        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> signed = get(tokensOnly.port(), "timestamp", ts, "user_id", "42", "sign", SignedClient.sign(ts, "42"));
        assertThat(signed.statusCode()).isEqualTo(401);
        assertThat(error(signed)).isEqualTo("Missing bearer token");
    }

    @Test
    void no_forgery_reads_a_recap() throws Exception {
        JWTClaimsSet claims = provider.claims("42", AUDIENCE, 300).build();
        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("alg=none", new PlainJWT(claims).serialize());
        byte[] publicKey = provider.currentPublicKey().toRSAKey().toRSAPublicKey().getEncoded();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(provider.currentPublicKey().getKeyID()).build(), claims);
        hs256.sign(new MACSigner(publicKey));
        forgeries.put("HS256 with the public key", hs256.serialize());
        RSAKey own = new RSAKeyGenerator(2048).keyID(provider.currentPublicKey().getKeyID()).generate();
        SignedJWT impostor = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(own.getKeyID()).build(), claims);
        impostor.sign(new RSASSASigner(own));
        forgeries.put("another key under the provider's key id", impostor.serialize());
        forgeries.put("expired", provider.mint("42", AUDIENCE, Map.of(), -120));
        forgeries.put("not valid yet", provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 900)
                .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
        forgeries.put("for another service", provider.mint("42", "another-service", Map.of(), 300));
        forgeries.put("from another issuer", provider.sign(JOSEObjectType.JWT, provider.claims("42", AUDIENCE, 300)
                .issuer("https://elsewhere.example/").build()));
        String[] parts = provider.mint("43", AUDIENCE, Map.of(), 300).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"43\"", "\"42\"");
        forgeries.put("payload changed", parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        forgeries.put("garbage", "eyJhbGciOiJSUzI1NiJ9.e30.AAAA");

        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            for (String[] userId : new String[][] {{}, {"user_id", "42"}}) {
                HttpResponse<String> answer = bearer(tokensOnly.port(), forgery.getValue(), userId);
                assertThat(answer.statusCode()).as(forgery.getKey()).isEqualTo(401);
                assertThat(answer.body()).as(forgery.getKey()).doesNotContain("\"userName\"");
            }
        }
        assertThat(error(bearer(tokensOnly.port(), forgeries.get("expired")))).isEqualTo("Token expired or not yet valid");
        assertThat(error(bearer(tokensOnly.port(), forgeries.get("alg=none")))).isEqualTo("Invalid token");
    }

    @Test
    void a_rotated_provider_key_is_picked_up() throws Exception {
        try (IdentityProvider rotating = IdentityProvider.rs256()) {
            try (RunningService service = LoopbackService.start(Map.of("AUTH_SCHEMES", "jwt",
                            "AUTH_JWT_JWKS_URI", rotating.jwksUri().toString(), "AUTH_JWT_ISSUER", rotating.issuer(),
                            "AUTH_JWT_AUDIENCE", AUDIENCE),
                    "forecap.embedded.users", "1000", "forecap.warm-up", "PT0S")) {
                assertThat(bearer(service.port(), rotating.mint("42", AUDIENCE, Map.of(), 300)).statusCode()).isEqualTo(200);
                rotating.rotate();
                assertThat(bearer(service.port(), rotating.mint("43", AUDIENCE, Map.of(), 300)).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void the_start_fetches_the_providers_keys_and_runs_the_token_check_before_ready() throws Exception {
        String[] started = new String[2];
        String[] jwks = {provider.jwksUri().toString(), "http://127.0.0.1:" + JarProcess.freePort() + "/jwks"};
        for (int i = 0; i < 2; i++) {
            try (JarProcess jar = JarProcess.start(Map.of("PORT", Integer.toString(JarProcess.freePort()),
                    "HOST", "127.0.0.1", "FORECAP_STORE", "embedded", "EMBEDDED_USERS", "1000", "FORECAP_WARM_UP", "PT0.2S",
                    "AUTH_SCHEMES", "jwt", "AUTH_JWT_JWKS_URI", jwks[i], "AUTH_JWT_ISSUER", provider.issuer(),
                    "AUTH_JWT_AUDIENCE", AUDIENCE, "LOG_FORMAT", "text"))) {
                started[i] = jar.awaitLine("Forecap recap service started", Duration.ofSeconds(60));
                jar.terminate();
                jar.awaitExit(Duration.ofSeconds(30));
            }
        }
        assertThat(started[0]).containsPattern("tokens=\\d+ checked in \\d+ ms, provider keys=1");
        assertThat(started[1]).as("a provider that cannot be reached does not keep the service from starting")
                .contains("provider keys=unavailable");
    }

    @Test
    void during_a_migration_tokens_and_signatures_both_read() throws Exception {
        try (RunningService both = start("jwt,legacy")) {
            assertThat(both.description()).contains("scheme=legacy,jwt");
            assertThat(new SignedClient(both.port()).recap(7).statusCode()).isEqualTo(200);
            assertThat(bearer(both.port(), provider.mint("8", AUDIENCE, Map.of(), 300)).statusCode()).isEqualTo(200);
            assertThat(bearer(both.port(), provider.mint("8", AUDIENCE, Map.of(), -120)).statusCode()).isEqualTo(401);
        }
    }
}
