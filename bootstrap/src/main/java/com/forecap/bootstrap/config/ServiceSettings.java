package com.forecap.bootstrap.config;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.helidon.config.Config;

import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.application.testdata.SyntheticRecaps;
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
     */
    public record AuthSettings(String scheme, String secret, FreshnessWindow freshness, Instant campaignStart,
                               Instant campaignEnd) {
        /** Validates. */
        public AuthSettings {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(freshness, "freshness");
        }

        @Override
        public String toString() {
            return "AuthSettings[scheme=" + scheme + ", secret=(" + secret.length() + " characters), freshness="
                    + freshness + ", campaignStart=" + campaignStart + ", campaignEnd=" + campaignEnd + "]";
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
                freshness, start, end);
        return new ServiceSettings(store, embedded, auth);
    }
}
