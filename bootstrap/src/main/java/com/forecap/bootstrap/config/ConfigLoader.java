package com.forecap.bootstrap.config;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads the configuration. Highest precedence first: system properties, the original service's
 * environment variable names ({@link LegacyEnvironment}), environment variables named after the keys
 * ({@code FORECAP_EMBEDDED_USERS}), then {@code application.yaml}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads from the real process environment.
     *
     * @return the configuration
     */
    public static Config load() {
        return load(System.getenv(), Map.of());
    }

    /**
     * Loads with a given environment and extra overrides (highest precedence), for tests and tools.
     *
     * @param environment the environment to read the original variable names from
     * @param overrides   keys that win over everything else
     * @return the configuration
     */
    public static Config load(Map<String, String> environment, Map<String, String> overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides).name("overrides"))
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.create(LegacyEnvironment.toConfig(environment)).name("original-environment"))
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }
}
