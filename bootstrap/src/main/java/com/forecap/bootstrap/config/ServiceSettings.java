package com.forecap.bootstrap.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.adapter.in.http.HttpPolicy;
import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.auth.FreshnessWindow;

/**
 * Everything the service needs to know, read once from the configuration at start and checked there:
 * nothing after {@link #from(Config)} reads a configuration key.
 *
 * @param listener  where the server listens, and Helidon's own {@code server} section
 * @param store     where recaps come from
 * @param embedded  the embedded store's data set (its seed also names the cache's built-in dictionary)
 * @param auth      request authentication
 * @param database  the MySQL pools, in MySQL mode only
 * @param redis     the shared cache, in MySQL mode when configured
 * @param nearCache the cache in the JVM, in front of Redis and MySQL (MySQL mode; off in embedded mode)
 * @param http      cross-origin and access-log policy
 * @param door      the limits on slow or greedy clients
 * @param shutdown  how a stop drains
 * @param warmUp    how long the start-up warm-up drives the request path before the service says ready
 *                  ({@code forecap.warm-up}; zero: only the pools are filled)
 */
public record ServiceSettings(Listener listener, StoreMode store, EmbeddedSettings embedded, AuthSettings auth,
                              Optional<DatabaseSettings> database, Optional<RedisSettings> redis,
                              NearCacheSettings nearCache, HttpPolicy http, ConnectionGuard.Settings door,
                              ShutdownSettings shutdown, Duration warmUp) {

    /** Different users one client address may name per window, unless configured. */
    public static final int DEFAULT_USER_BUDGET = 600;
    /** The name of the bearer-token scheme in {@code forecap.auth.schemes}. */
    public static final String JWT = "jwt";

    /** The start-up warm-up's default length. */
    public static final Duration DEFAULT_WARM_UP = Duration.ofMillis(600);

    /** Where recaps come from. */
    public enum StoreMode {
        /** The in-memory synthetic data set. */
        EMBEDDED,
        /** MySQL (or MariaDB). */
        MYSQL
    }

    /**
     * Where the server listens.
     *
     * @param host   the address, for the early check that the port is free
     * @param port   the port, 0 for any
     * @param server the {@code server} section as Helidon's builder reads it (sizes, timeouts, TLS)
     * @param http1  its {@code protocols.http_1_1} section (sizes of the request line and headers)
     */
    public record Listener(String host, int port, Config server, Config http1) {
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
     * MySQL.
     *
     * @param serving    the service's own (read) connections, on the writer
     * @param reader     a read replica read first, the writer then being the fallback
     * @param waitBudget how long a read may wait for a connection before it is refused with 503
     */
    public record DatabaseSettings(MySqlSettings serving, Optional<MySqlSettings> reader, Duration waitBudget) {
    }

    /**
     * The near cache.
     *
     * @param enabled  whether it is used
     * @param maxBytes bytes of recaps it may hold
     * @param ttl      how long an entry is served
     */
    public record NearCacheSettings(boolean enabled, long maxBytes, Duration ttl) {
    }

    /**
     * How a stop drains.
     *
     * @param drain       how long readiness says 503 before the server stops accepting
     *                    ({@code forecap.shutdown.drain}, default none)
     * @param closeNotice how long, at least, every answer carries {@code Connection: close} before idle
     *                    connections are closed ({@code forecap.shutdown.close-notice}, default 1 s)
     */
    public record ShutdownSettings(Duration drain, Duration closeNotice) {
    }

    /**
     * Request authentication.
     *
     * @param scheme        signature scheme name, empty when only tokens are accepted
     * @param jwt           how bearer tokens are checked, empty when tokens are not accepted
     * @param secret        the shared secret; never logged
     * @param freshness     the timestamp window
     * @param campaignStart first instant served, or {@code null}
     * @param campaignEnd   last instant served, or {@code null}
     * @param hmacKeys      key id to key for {@code hmac-sha256}, signing key first; never logged
     */
    public record AuthSettings(Optional<String> scheme, Optional<JwtTokenVerifier.Settings> jwt, String secret,
                               FreshnessWindow freshness, Instant campaignStart, Instant campaignEnd,
                               Map<String, String> hmacKeys) {
        /** Validates. */
        public AuthSettings {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(jwt, "jwt");
            if (scheme.isEmpty() && jwt.isEmpty()) {
                throw new ConfigurationException("forecap.auth.schemes (AUTH_SCHEMES) accepts nothing");
            }
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(freshness, "freshness");
            hmacKeys = Collections.unmodifiableMap(new LinkedHashMap<>(hmacKeys));
        }

        @Override
        public String toString() {
            return "AuthSettings[scheme=" + scheme + ", jwt=" + jwt + ", secret=(" + secret.length() + " characters), freshness="
                    + freshness + ", campaignStart=" + campaignStart + ", campaignEnd=" + campaignEnd + ", hmacKeyIds="
                    + hmacKeys.keySet() + "]";
        }
    }

    /**
     * Reads the request authentication settings alone, for tools that sign.
     *
     * @param config the root configuration
     * @return the settings
     * @throws ConfigurationException when a value is missing or wrong
     */
    public static AuthSettings authFrom(Config config) {
        return AuthConfig.auth(config.get("forecap"));
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
        boolean mysql = store == StoreMode.MYSQL;
        Config shutdown = forecap.get("shutdown");
        AuthSettings auth = AuthConfig.auth(forecap);
        return new ServiceSettings(listener(config.get("server")), store, new EmbeddedSettings(
                Settings.integer(forecap, "embedded.users", 100_000, 0, InMemoryUserRecapAdapter.MAX_USERS), seed(config)),
                auth,
                mysql ? Optional.of(MySqlConfig.database(config)) : Optional.empty(),
                mysql ? CacheConfig.redis(config) : Optional.empty(),
                mysql ? CacheConfig.nearCache(config) : new NearCacheSettings(false, 0, Duration.ZERO),
                http(forecap, auth.jwt().isPresent()),
                door(config),
                new ShutdownSettings(Settings.duration(shutdown, "drain", Duration.ZERO),
                        Settings.duration(shutdown, "close-notice", Duration.ofSeconds(1))),
                Settings.duration(forecap, "warm-up", DEFAULT_WARM_UP));
    }

    /** The synthetic data set's seed, {@code forecap.embedded.seed}. */
    static long seed(Config config) {
        return Settings.longValue(config.get("forecap"), "embedded.seed", SyntheticRecaps.DEFAULT_SEED);
    }

    private static Listener listener(Config server) {
        return new Listener(Settings.text(server, "host", "0.0.0.0"), Settings.integer(server, "port", 0, 0, 65_535), server,
                server.get("protocols.http_1_1"));
    }

    /**
     * {@code forecap.http.allowed-origins} (comma-separated), {@code forecap.log.access}, and the user
     * budget: {@code forecap.http.user-budget} (different users per client address and window, default
     * 600, 0 for none), {@code user-budget-window} (default 1 minute), {@code trusted-proxies} (balancers
     * whose {@code X-Forwarded-For} is believed).
     */
    private static HttpPolicy http(Config forecap, boolean tokensAccepted) {
        Set<String> origins = Settings.list(Settings.text(forecap, "http.allowed-origins", ""));
        Config http = forecap.get("http");
        HttpPolicy.UserBudgetPolicy budget;
        try {
            budget = new HttpPolicy.UserBudgetPolicy(Settings.integer(http, "user-budget", DEFAULT_USER_BUDGET, 0, 1_000_000),
                    Settings.duration(http, "user-budget-window", Duration.ofMinutes(1)),
                    ConnectionGuard.AddressRange.parseList(Settings.text(http, "trusted-proxies", "")), tokensAccepted);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.http.user-budget, user-budget-window, trusted-proxies: "
                    + e.getMessage());
        }
        return new HttpPolicy(origins, forecap.get("log.access").asBoolean().orElse(false), budget);
    }

    /**
     * The limits that keep slow or greedy clients from holding connection slots:
     * {@code forecap.http.head-timeout} (default 20 s), {@code forecap.http.max-connections-per-address}
     * (default 1024, 0 for none), {@code forecap.http.unlimited-addresses} (IP ranges without a cap) and,
     * as the check period, the server's {@code server.idle-connection-period}.
     */
    private static ConnectionGuard.Settings door(Config config) {
        Config http = config.get("forecap.http");
        Duration head = Settings.duration(http, "head-timeout", Duration.ofSeconds(20));
        if (head.isZero()) {
            throw new ConfigurationException(Settings.name(http, "head-timeout") + " must be positive");
        }
        Duration period = Settings.duration(config.get("server"), "idle-connection-period", Duration.ofSeconds(1));
        if (period.toMillis() < 1) {
            throw new ConfigurationException(Settings.name(config.get("server"), "idle-connection-period")
                    + " must be at least 1 ms");
        }
        int cap = Settings.integer(http, "max-connections-per-address", 1024, 0, Integer.MAX_VALUE);
        try {
            return new ConnectionGuard.Settings(head, period, cap,
                    ConnectionGuard.AddressRange.parseList(Settings.text(http, "unlimited-addresses", "")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(Settings.name(http, "unlimited-addresses") + ": " + e.getMessage());
        }
    }
}
