package com.forecap.bootstrap.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates the original service's environment variable names into configuration keys, so that its
 * {@code .env} files and compose files work unchanged.
 */
public final class LegacyEnvironment {

    /** Original variable name to configuration key, in documentation order. */
    public static final Map<String, String> NAMES = names();

    private LegacyEnvironment() {
    }

    /**
     * Picks the original service's variables out of an environment.
     *
     * @param environment the process environment
     * @return configuration keys and values for every variable that is set
     */
    public static Map<String, String> toConfig(Map<String, String> environment) {
        Map<String, String> config = new LinkedHashMap<>();
        NAMES.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null) {
                config.put(key, value);
            }
        });
        return config;
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("PORT", "server.port");
        names.put("HOST", "server.host");
        names.put("AUTH_SIGNATURE_SECRET", "forecap.auth.secret");
        names.put("AUTH_SIGNATURE_SCHEME", "forecap.auth.scheme");
        names.put("AUTH_HMAC_KEYS", "forecap.auth.hmac-keys");
        names.put("AUTH_SCHEMES", "forecap.auth.schemes");
        names.put("AUTH_JWT_JWKS_URI", "forecap.auth.jwt.jwks-uri");
        names.put("AUTH_JWT_ISSUER", "forecap.auth.jwt.issuer");
        names.put("AUTH_JWT_AUDIENCE", "forecap.auth.jwt.audience");
        names.put("AUTH_JWT_USER_CLAIM", "forecap.auth.jwt.user-claim");
        names.put("AUTH_JWT_ALGORITHMS", "forecap.auth.jwt.algorithms");
        names.put("AUTH_JWT_CLOCK_SKEW", "forecap.auth.jwt.clock-skew");
        names.put("CAMPAIGN_START", "forecap.campaign.start");
        names.put("CAMPAIGN_END", "forecap.campaign.end");
        names.put("EMBEDDED_USERS", "forecap.embedded.users");
        names.put("ALLOWED_ORIGINS", "forecap.http.allowed-origins");
        names.put("USER_BUDGET", "forecap.http.user-budget");
        names.put("USER_BUDGET_WINDOW", "forecap.http.user-budget-window");
        names.put("TRUSTED_PROXIES", "forecap.http.trusted-proxies");
        names.put("ACCESS_LOG", "forecap.log.access");
        names.put("SHUTDOWN_DRAIN", "forecap.shutdown.drain");
        names.put("MYSQL_URL", "forecap.mysql.url");
        names.put("MYSQL_HOST", "forecap.mysql.host");
        names.put("MYSQL_PORT", "forecap.mysql.port");
        names.put("MYSQL_DATABASE", "forecap.mysql.database");
        names.put("MYSQL_USER", "forecap.mysql.user");
        names.put("MYSQL_PASSWORD", "forecap.mysql.password");
        names.put("MYSQL_CONNECTION_LIMIT", "forecap.mysql.connection-limit");
        names.put("MYSQL_SSL_MODE", "forecap.mysql.ssl-mode");
        names.put("MYSQL_SSL_CA", "forecap.mysql.ssl-ca");
        names.put("MYSQL_READER_URL", "forecap.mysql.reader-url");
        names.put("MYSQL_READER_HOST", "forecap.mysql.reader-host");
        names.put("MYSQL_READER_PORT", "forecap.mysql.reader-port");
        names.put("MYSQL_TOOLS_USER", "forecap.mysql.tools-user");
        names.put("MYSQL_TOOLS_PASSWORD", "forecap.mysql.tools-password");
        names.put("REDIS_HOST", "forecap.redis.host");
        names.put("REDIS_PORT", "forecap.redis.port");
        names.put("REDIS_PASSWORD", "forecap.redis.password");
        names.put("REDIS_USERNAME", "forecap.redis.user");
        names.put("REDIS_TLS", "forecap.redis.tls");
        names.put("REDIS_TLS_CA_FILE", "forecap.redis.tls-ca-file");
        names.put("REDIS_TLS_VERIFY_HOSTNAME", "forecap.redis.tls-verify-hostname");
        names.put("REDIS_CLUSTER", "forecap.redis.cluster");
        names.put("REDIS_NODES", "forecap.redis.nodes");
        names.put("REDIS_DB", "forecap.redis.database");
        names.put("CACHE_TTL", "forecap.redis.ttl");
        return Collections.unmodifiableMap(names);
    }
}
