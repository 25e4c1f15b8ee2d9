package com.forecap.bootstrap.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

/** Typed reads of configuration values, each failing with a {@link ConfigurationException} that names the key. */
final class Settings {

    private Settings() {
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

    /** The non-blank items of a comma-separated list, stripped, in order, each once. */
    static Set<String> list(String text) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
