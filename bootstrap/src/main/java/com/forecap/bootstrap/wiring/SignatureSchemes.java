package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.domain.auth.HmacSignatureScheme;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.SignatureScheme;

/** Who may read: the configured signature scheme and bearer-token verifier, built from the settings. */
public final class SignatureSchemes {

    private static final System.Logger LOG = System.getLogger(SignatureSchemes.class.getName());

    private SignatureSchemes() {
    }

    static List<String> names(ServiceSettings.AuthSettings auth) {
        List<String> names = new ArrayList<>();
        auth.scheme().ifPresent(names::add);
        auth.jwt().ifPresent(jwt -> names.add(ServiceSettings.JWT));
        return names;
    }

    static JwtTokenVerifier tokenVerifier(JwtTokenVerifier.Settings jwt) {
        LOG.log(Level.INFO, "bearer tokens from " + jwt.issuer() + " (keys " + jwt.jwksUri() + ", audience "
                + jwt.audiences() + ", user in claim '" + jwt.userClaim() + "', " + jwt.algorithms() + ")");
        return new JwtTokenVerifier(jwt);
    }

    /**
     * The signature scheme of a name, with the configured keys.
     *
     * @param name {@code legacy} or {@code hmac-sha256}
     * @param auth the authentication settings (secret, HMAC keys)
     * @return the scheme
     * @throws ConfigurationException when the name is unknown or the keys cannot be used
     */
    public static SignatureScheme of(String name, ServiceSettings.AuthSettings auth) {
        return switch (name) {
            case LegacySignatureScheme.NAME -> new LegacySignatureScheme(auth.secret());
            case HmacSignatureScheme.NAME -> {
                try {
                    yield new HmacSignatureScheme(auth.hmacKeys());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("forecap.auth.hmac-keys (AUTH_HMAC_KEYS): " + e.getMessage());
                }
            }
            default -> throw new ConfigurationException("forecap.auth.scheme must be legacy or hmac-sha256, was '"
                    + name + "'");
        };
    }

    static SignatureScheme served(String name, ServiceSettings.AuthSettings auth) {
        SignatureScheme scheme = of(name, auth);
        if (LegacySignatureScheme.NAME.equals(name)) {
            LOG.log(Level.WARNING, "signature scheme 'legacy' is reversible: anyone who sees one request can "
                    + "recover the secret and read every recap; keep it for existing clients only, with the user "
                    + "budget on (USER_BUDGET), and move them to tokens (AUTH_SCHEMES=jwt) or hmac-sha256");
        } else {
            LOG.log(Level.INFO, "signature scheme hmac-sha256 with key ids " + auth.hmacKeys().keySet());
        }
        return scheme;
    }
}
