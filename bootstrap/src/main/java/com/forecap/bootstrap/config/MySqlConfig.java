package com.forecap.bootstrap.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

import com.forecap.adapter.out.mysql.MySqlSettings;

/** Reads {@code forecap.mysql.*} (or the original {@code MYSQL_*} variables) into {@link MySqlSettings}. */
final class MySqlConfig {

    /** Host used when none is configured. */
    static final String TOOLS_DEFAULT_HOST = "127.0.0.1";
    private static final Set<String> SSL_MODES = Set.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY");

    private MySqlConfig() {
    }

    /**
     * Whether MySQL is configured at all (a host or a URL).
     *
     * @param config the root configuration
     * @return {@code true} when {@code forecap.mysql.host} or {@code forecap.mysql.url} is set
     */
    static boolean configured(Config config) {
        Config mysql = config.get("forecap.mysql");
        return Settings.optionalText(mysql, "host").isPresent() || Settings.optionalText(mysql, "url").isPresent();
    }

    /**
     * Settings for the service's own (read) connections.
     *
     * @param config the root configuration
     * @return the settings; host defaults to {@value #TOOLS_DEFAULT_HOST}
     * @throws ConfigurationException when a value is wrong
     */
    static MySqlSettings serving(Config config) {
        Config mysql = config.get("forecap.mysql");
        return settings(mysql, Settings.text(mysql, "user", "forecap_user"), mysql.get("password").asString().orElse(""));
    }

    /**
     * Settings for the tools (generator, verify, migrate): the same server with the tools' own
     * credentials when {@code forecap.mysql.tools-user} is set.
     *
     * @param config the root configuration
     * @return the settings
     * @throws ConfigurationException when a value is wrong
     */
    static MySqlSettings tools(Config config) {
        Config mysql = config.get("forecap.mysql");
        Optional<String> toolsUser = Settings.optionalText(mysql, "tools-user");
        if (toolsUser.isPresent()) {
            return settings(mysql, toolsUser.get(), mysql.get("tools-password").asString().orElse(""));
        }
        return serving(config);
    }

    /**
     * The service's MySQL: the writer, a read replica when one is configured
     * ({@code forecap.mysql.reader-url}, or {@code reader-host} with the writer's port, database and TLS
     * mode; the tools never use it: they write, and read what they wrote, on the writer), and the wait
     * budget of a read ({@code forecap.mysql.wait-budget}, default 2 s).
     *
     * @param config the root configuration
     * @return the settings, the reader's with the serving credentials
     * @throws ConfigurationException when a value is wrong
     */
    static ServiceSettings.DatabaseSettings database(Config config) {
        Config mysql = config.get("forecap.mysql");
        MySqlSettings writer = serving(config);
        Duration waitBudget = Settings.duration(mysql, "wait-budget", Duration.ofSeconds(2));
        Optional<String> url = Settings.optionalText(mysql, "reader-url");
        Optional<String> host = Settings.optionalText(mysql, "reader-host");
        if (url.isEmpty() && host.isEmpty()) {
            return new ServiceSettings.DatabaseSettings(writer, Optional.empty(), waitBudget);
        }
        if (url.isPresent() && host.isPresent()) {
            throw new ConfigurationException("set forecap.mysql.reader-url or forecap.mysql.reader-host, not both");
        }
        try {
            MySqlSettings reader = url.isPresent() ? writer.atUrl(url.get())
                    : MySqlSettings.of(host.get(), Settings.integer(mysql, "reader-port",
                            Settings.integer(mysql, "port", 3306, 1, 65_535), 1, 65_535), writer.database(), sslMode(mysql),
                            writer.user(), writer.password(), writer.poolSize(), writer.connectionTimeout(), writer.queryTimeout());
            return new ServiceSettings.DatabaseSettings(writer, Optional.of(trusting(mysql, reader)), waitBudget);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.mysql: " + e.getMessage());
        }
    }

    private static MySqlSettings trusting(Config mysql, MySqlSettings settings) {
        Optional<String> ca = Settings.optionalText(mysql, "ssl-ca");
        return ca.isPresent() ? settings.withTrustedCertificates(java.nio.file.Path.of(ca.get())) : settings;
    }

    private static String sslMode(Config mysql) {
        String fallback = Settings.optionalText(mysql, "ssl-ca").isPresent() ? "VERIFY_IDENTITY" : "PREFERRED";
        String sslMode = Settings.text(mysql, "ssl-mode", fallback).toUpperCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            throw new ConfigurationException(Settings.name(mysql, "ssl-mode") + " must be one of " + SSL_MODES
                    + ", was '" + sslMode + "'");
        }
        return sslMode;
    }

    private static MySqlSettings settings(Config mysql, String user, String password) {
        int poolSize = Settings.integer(mysql, "connection-limit", 20, 1, 500);
        Duration connectionTimeout = Settings.duration(mysql, "connection-timeout", Duration.ofSeconds(1));
        Duration queryTimeout = Settings.duration(mysql, "query-timeout", Duration.ofSeconds(5));
        try {
            Optional<String> url = Settings.optionalText(mysql, "url");
            MySqlSettings settings = url.isPresent()
                    ? MySqlSettings.ofUrl(url.get(), user, password, poolSize, connectionTimeout, queryTimeout)
                    : MySqlSettings.of(Settings.text(mysql, "host", TOOLS_DEFAULT_HOST),
                            Settings.integer(mysql, "port", 3306, 1, 65_535), Settings.text(mysql, "database", "forecap_db"),
                            sslMode(mysql), user, password, poolSize, connectionTimeout, queryTimeout);
            return trusting(mysql, settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.mysql: " + e.getMessage());
        }
    }
}
