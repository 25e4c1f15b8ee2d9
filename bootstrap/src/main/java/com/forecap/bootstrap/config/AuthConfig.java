package com.forecap.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;

import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.domain.auth.FreshnessWindow;

/**
 * Reads who may read: {@code forecap.auth.*} (the signature scheme or schemes, the secret, the HMAC keys, the
 * identity provider of bearer tokens) and {@code forecap.campaign.*}.
 */
final class AuthConfig {

    private static final Set<String> KNOWN_SCHEMES = Set.of(ServiceSettings.JWT, "legacy", "hmac-sha256");

    private AuthConfig() {
    }

    static ServiceSettings.AuthSettings auth(Config forecap) {
        FreshnessWindow freshness = new FreshnessWindow(
                Settings.duration(forecap, "auth.max-age", FreshnessWindow.DEFAULT.maxAge()),
                Settings.duration(forecap, "auth.max-ahead", FreshnessWindow.DEFAULT.maxAhead()));
        Instant start = Settings.instant(forecap, "campaign.start").orElse(null);
        Instant end = Settings.instant(forecap, "campaign.end").orElse(null);
        if (start != null && end != null && end.isBefore(start)) {
            throw new ConfigurationException("forecap.campaign.end (" + end + ") is before forecap.campaign.start (" + start + ")");
        }
        String signature = Settings.text(forecap, "auth.scheme", "legacy").toLowerCase(Locale.ROOT);
        Set<String> schemes = Settings.list(Settings.optionalText(forecap, "auth.schemes").orElse(signature).toLowerCase(Locale.ROOT));
        Set<String> signatures = new LinkedHashSet<>(schemes);
        boolean tokens = signatures.remove(ServiceSettings.JWT);
        if (signatures.size() > 1) {
            throw new ConfigurationException("forecap.auth.schemes (AUTH_SCHEMES) may name one signature scheme, "
                    + "legacy or hmac-sha256, besides jwt; was " + schemes);
        }
        if (!schemes.isEmpty() && schemes.stream().anyMatch(name -> !KNOWN_SCHEMES.contains(name))) {
            throw new ConfigurationException("forecap.auth.schemes (AUTH_SCHEMES) must list jwt, legacy or hmac-sha256, "
                    + "was " + schemes);
        }
        return new ServiceSettings.AuthSettings(signatures.stream().findFirst(), tokens ? Optional.of(jwt(forecap)) : Optional.empty(),
                forecap.get("auth.secret").asString().orElse(""), freshness, start, end, hmacKeys(forecap));
    }

    /** {@code forecap.auth.jwt}: the identity provider whose bearer tokens are accepted. */
    private static JwtTokenVerifier.Settings jwt(Config forecap) {
        Config jwt = forecap.get("auth.jwt");
        String jwks = Settings.text(jwt, "jwks-uri", "");
        String issuer = Settings.text(jwt, "issuer", "");
        Set<String> audiences = Settings.list(Settings.text(jwt, "audience", ""));
        if (jwks.isBlank() || issuer.isBlank() || audiences.isEmpty()) {
            throw new ConfigurationException("AUTH_SCHEMES includes jwt: set the identity provider's key set, issuer "
                    + "and this service's audience (AUTH_JWT_JWKS_URI, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE; "
                    + "forecap.auth.jwt.jwks-uri, issuer, audience)");
        }
        try {
            URI uri = URI.create(jwks.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an http(s) address: " + jwks);
            }
            return new JwtTokenVerifier.Settings(uri, issuer.strip(), audiences,
                    Settings.text(jwt, "user-claim", "sub").strip(),
                    Settings.list(Settings.text(jwt, "algorithms", String.join(",", new TreeSet<>(
                            JwtTokenVerifier.Settings.DEFAULT_ALGORITHMS)))),
                    Settings.duration(jwt, "clock-skew", Duration.ofSeconds(30)),
                    Settings.duration(jwt, "keys-ttl", Duration.ofMinutes(5)),
                    Settings.duration(jwt, "refresh-at-most-every", Duration.ofMinutes(1)),
                    Settings.duration(jwt, "fetch-timeout", Duration.ofSeconds(2)),
                    Settings.integer(jwt, "remembered", 50_000, 0, 10_000_000));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.auth.jwt: " + e.getMessage());
        }
    }

    /** {@code forecap.auth.hmac-keys}: {@code id=secret,id=secret}, the signing key first. */
    private static Map<String, String> hmacKeys(Config forecap) {
        Map<String, String> keys = new LinkedHashMap<>();
        String text = forecap.get("auth.hmac-keys").asString().orElse("").trim();
        if (text.isEmpty()) {
            return keys;
        }
        for (String entry : text.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new ConfigurationException("forecap.auth.hmac-keys must look like id1=secret1,id2=secret2 "
                        + "(an entry has no '=' or an empty part)");
            }
            keys.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return keys;
    }
}
