package com.forecap.bootstrap.config;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.helidon.config.Config;

import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.application.synthetic.SyntheticRecaps;
import com.forecap.domain.auth.FreshnessWindow;

/**
 * The service's settings as plain values, read once from the configuration at start.
 *
 * @param store    where recaps come from
 * @param embedded the embedded store's data set
 * @param auth     request authentication
 */
public record ServiceSettings(StoreMode store, EmbeddedSettings embedded, AuthSettings auth) {

    /** Where recaps come from. */
    public enum StoreMode {
        /** The in-memory synthetic data set. */
        EMBEDDED,
        /** MySQL (or MariaDB). */
        MYSQL
    }

    /**
     * The embedded store.
     *
     * @param users how many synthetic users
     * @param seed  which data set
     */
    public record EmbeddedSettings(int users, long seed) {
    }

    /**
     * Request authentication.
     *
     * @param scheme        signature scheme name
     * @param secret        the shared secret; never logged
     * @param freshness     the timestamp window
     * @param campaignStart first instant served, or {@code null}
     * @param campaignEnd   last instant served, or {@code null}
     * @param hmacKeys      key id to key for {@code hmac-sha256}, signing key first; never logged
     */
    public record AuthSettings(String scheme, String secret, FreshnessWindow freshness, Instant campaignStart,
                               Instant campaignEnd, Map<String, String> hmacKeys) {
        /** Validates. */
        public AuthSettings {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(freshness, "freshness");
            hmacKeys = Collections.unmodifiableMap(new LinkedHashMap<>(hmacKeys));
        }

        @Override
        public String toString() {
            return "AuthSettings[scheme=" + scheme + ", secret=(" + secret.length() + " characters), freshness="
                    + freshness + ", campaignStart=" + campaignStart + ", campaignEnd=" + campaignEnd + ", hmacKeyIds="
                    + hmacKeys.keySet() + "]";
        }
    }

    /**
     * Reads the settings.
     *
     * @param config the root configuration
     * @return the settings
     * @throws ConfigurationException when a value is missing or wrong
     */
    public static ServiceSettings from(Config config) {
        Config forecap = config.get("forecap");
        String mode = Settings.text(forecap, "store", "auto").toLowerCase(Locale.ROOT);
        StoreMode store = switch (mode) {
            case "auto" -> MySqlConfig.configured(config) ? StoreMode.MYSQL : StoreMode.EMBEDDED;
            case "embedded", "memory" -> StoreMode.EMBEDDED;
            case "mysql" -> StoreMode.MYSQL;
            default -> throw new ConfigurationException("forecap.store must be auto, embedded or mysql, was '" + mode + "'");
        };
        EmbeddedSettings embedded = new EmbeddedSettings(
                Settings.integer(forecap, "embedded.users", 100_000, 0, InMemoryUserRecapAdapter.MAX_USERS),
                Settings.longValue(forecap, "embedded.seed", SyntheticRecaps.DEFAULT_SEED));
        FreshnessWindow freshness = new FreshnessWindow(
                Settings.duration(forecap, "auth.max-age", FreshnessWindow.DEFAULT.maxAge()),
                Settings.duration(forecap, "auth.max-ahead", FreshnessWindow.DEFAULT.maxAhead()));
        Instant start = Settings.instant(forecap, "campaign.start").orElse(null);
        Instant end = Settings.instant(forecap, "campaign.end").orElse(null);
        if (start != null && end != null && end.isBefore(start)) {
            throw new ConfigurationException("forecap.campaign.end (" + end + ") is before forecap.campaign.start (" + start + ")");
        }
        AuthSettings auth = new AuthSettings(
                Settings.text(forecap, "auth.scheme", "legacy").toLowerCase(Locale.ROOT),
                forecap.get("auth.secret").asString().orElse(""),
                freshness, start, end, hmacKeys(forecap));
        return new ServiceSettings(store, embedded, auth);
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
