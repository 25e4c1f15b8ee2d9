package com.forecap.bootstrap.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import io.helidon.config.Config;

/** Typed reads of configuration values, each failing with a {@link ConfigurationException} that names the key. */
public final class Settings {

    private Settings() {
    }

    /**
     * How long a stopping service reports "not ready" before it stops accepting requests
     * ({@code forecap.shutdown.drain}, default none).
     *
     * @param config the root configuration
     * @return the delay
     */
    public static Duration drain(Config config) {
        return duration(config.get("forecap.shutdown"), "drain", Duration.ZERO);
    }

    /**
     * How long, at least, a stopping service keeps serving with {@code Connection: close} on every answer
     * before it closes idle connections ({@code forecap.shutdown.close-notice}, default 1 s): a client in
     * the middle of a keep-alive exchange then learns to leave rather than have its next request cut off.
     *
     * @param config the root configuration
     * @return the notice
     */
    public static Duration closeNotice(Config config) {
        return duration(config.get("forecap.shutdown"), "close-notice", Duration.ofSeconds(1));
    }

    /**
     * The limits that keep slow or greedy clients from holding connection slots:
     * {@code forecap.http.head-timeout} (default 20 s), {@code forecap.http.max-connections-per-address}
     * (default 1024, 0 for none), {@code forecap.http.unlimited-addresses} (IP ranges without a cap) and,
     * as the check period, the server's {@code server.idle-connection-period}.
     *
     * @param config the root configuration
     * @return the settings
     */
    public static com.forecap.adapter.in.http.ConnectionGuard.Settings connectionGuard(Config config) {
        Config http = config.get("forecap.http");
        Duration head = duration(http, "head-timeout", Duration.ofSeconds(20));
        if (head.isZero()) {
            throw new ConfigurationException(name(http, "head-timeout") + " must be positive");
        }
        Duration period = duration(config.get("server"), "idle-connection-period", Duration.ofSeconds(1));
        if (period.toMillis() < 1) {
            throw new ConfigurationException(name(config.get("server"), "idle-connection-period") + " must be at least 1 ms");
        }
        int cap = integer(http, "max-connections-per-address", 1024, 0, Integer.MAX_VALUE);
        try {
            return new com.forecap.adapter.in.http.ConnectionGuard.Settings(head, period, cap,
                    com.forecap.adapter.in.http.ConnectionGuard.AddressRange.parseList(text(http, "unlimited-addresses", "")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name(http, "unlimited-addresses") + ": " + e.getMessage());
        }
    }

    /** The full dotted name of a key, for messages. */
    static String name(Config config, String key) {
        return config.get(key).key().toString();
    }

    static String text(Config config, String key, String defaultValue) {
        return config.get(key).asString().orElse(defaultValue).trim();
    }

    static Optional<String> optionalText(Config config, String key) {
        return config.get(key).asString().map(String::trim).filter(s -> !s.isEmpty());
    }

    static int integer(Config config, String key, int defaultValue, int min, int max) {
        String text = text(config, key, Integer.toString(defaultValue));
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new ConfigurationException(name(config, key) + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name(config, key) + " must be a whole number, was '" + text + "'");
        }
    }

    static long longValue(Config config, String key, long defaultValue) {
        String text = text(config, key, Long.toString(defaultValue));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name(config, key) + " must be a whole number, was '" + text + "'");
        }
    }

    /** A duration as ISO-8601 ({@code PT10M}) or a number of seconds. */
    static Duration duration(Config config, String key, Duration defaultValue) {
        Optional<String> text = optionalText(config, key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String value = text.get();
        try {
            Duration duration = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value.toUpperCase(Locale.ROOT));
            if (duration.isNegative()) {
                throw new ConfigurationException(name(config, key) + " must not be negative, was " + value);
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigurationException(name(config, key) + " must be an ISO-8601 duration like PT10M or a number of seconds, was '"
                    + value + "'");
        }
    }

    static Optional<Instant> instant(Config config, String key) {
        return optionalText(config, key).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(name(config, key) + " must be an ISO-8601 instant like 2025-12-31T23:59:59.999Z, was '"
                        + value + "'");
            }
        });
    }
}
