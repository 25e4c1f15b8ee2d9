package com.forecap.bootstrap.config;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import com.forecap.adapter.in.http.HttpPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static ServiceSettings settings(Map<String, String> env, Map<String, String> overrides) {
        return ServiceSettings.from(ConfigLoader.load(env, overrides));
    }

    @Test
    void defaults_serve_the_guides_curl_on_port_3000() {
        Config config = ConfigLoader.load(Map.of(), Map.of());
        ServiceSettings settings = ServiceSettings.from(config);
        assertThat(config.get("server.port").asInt().get()).isEqualTo(3000);
        assertThat(settings.store()).isEqualTo(ServiceSettings.StoreMode.EMBEDDED);
        assertThat(settings.embedded().users()).isEqualTo(100_000);
        assertThat(settings.auth().scheme()).contains("legacy");
        assertThat(settings.auth().jwt()).isEmpty();
        assertThat(settings.auth().secret()).isEqualTo("forecap2025");
        assertThat(settings.auth().freshness().maxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.auth().freshness().maxAhead()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.auth().campaignStart()).isNull();
        assertThat(settings.auth().campaignEnd()).isNull();
    }

    @Test
    void the_original_services_variable_names_are_honoured() {
        Map<String, String> env = Map.of("PORT", "8080", "AUTH_SIGNATURE_SECRET", "s3cret", "EMBEDDED_USERS", "10",
                "CAMPAIGN_END", "2025-12-31T23:59:59.999Z");
        Config config = ConfigLoader.load(env, Map.of());
        ServiceSettings settings = ServiceSettings.from(config);
        assertThat(config.get("server.port").asInt().get()).isEqualTo(8080);
        assertThat(settings.auth().secret()).isEqualTo("s3cret");
        assertThat(settings.embedded().users()).isEqualTo(10);
        assertThat(settings.auth().campaignEnd()).isEqualTo(Instant.parse("2025-12-31T23:59:59.999Z"));
    }

    @Test
    void an_empty_secret_is_kept_empty() {
        assertThat(settings(Map.of("AUTH_SIGNATURE_SECRET", ""), Map.of()).auth().secret()).isEmpty();
    }

    @Test
    void overrides_win_over_the_environment() {
        ServiceSettings settings = settings(Map.of("EMBEDDED_USERS", "10"), Map.of("forecap.embedded.users", "20"));
        assertThat(settings.embedded().users()).isEqualTo(20);
    }

    @Test
    void mysql_host_selects_mysql_mode_unless_embedded_is_forced() {
        assertThat(settings(Map.of(), Map.of("forecap.mysql.host", "db")).store()).isEqualTo(ServiceSettings.StoreMode.MYSQL);
        assertThat(settings(Map.of(), Map.of("forecap.mysql.host", "db", "forecap.store", "embedded")).store())
                .isEqualTo(ServiceSettings.StoreMode.EMBEDDED);
    }

    @Test
    void wrong_values_name_the_key_and_what_is_expected() {
        assertThatThrownBy(() -> settings(Map.of("EMBEDDED_USERS", "abc"), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("forecap.embedded.users")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> settings(Map.of("EMBEDDED_USERS", "-5"), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("between 0 and");
        assertThatThrownBy(() -> settings(Map.of(), Map.of("forecap.auth.max-age", "ten minutes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("forecap.auth.max-age");
        assertThatThrownBy(() -> settings(Map.of("CAMPAIGN_END", "tomorrow"), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("forecap.campaign.end");
        assertThatThrownBy(() -> settings(Map.of(), Map.of("forecap.store", "postgres")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("auto, embedded or mysql");
    }

    @Test
    void durations_accept_seconds_or_iso() {
        ServiceSettings settings = settings(Map.of(), Map.of("forecap.auth.max-age", "30", "forecap.auth.max-ahead", "pt1m"));
        assertThat(settings.auth().freshness().maxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.auth().freshness().maxAhead()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void the_secret_never_appears_in_the_settings_text() {
        assertThat(settings(Map.of("AUTH_SIGNATURE_SECRET", "very-secret-value"), Map.of()).toString())
                .doesNotContain("very-secret-value");
    }

    @Test
    void every_section_is_read_and_checked_when_the_settings_are_read() {
        Map<String, String> mysql = Map.of("MYSQL_HOST", "db");
        Object[][] wrong = {
            {Map.of(), "server.port", "http", "server.port"},
            {Map.of(), "forecap.http.head-timeout", "0", "forecap.http.head-timeout"},
            {Map.of(), "forecap.http.unlimited-addresses", "10.0.0.0/99", "forecap.http.unlimited-addresses"},
            {Map.of(), "forecap.shutdown.drain", "soon", "forecap.shutdown.drain"},
            {mysql, "forecap.cache.local.max-bytes", "lots", "forecap.cache.local.max-bytes"},
            {mysql, "forecap.mysql.wait-budget", "a while", "forecap.mysql.wait-budget"},
            {mysql, "forecap.mysql.connection-limit", "0", "forecap.mysql.connection-limit"},
            {Map.of("MYSQL_HOST", "db", "REDIS_HOST", "cache"), "forecap.redis.port", "six", "forecap.redis.port"},
        };
        for (Object[] each : wrong) {
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) each[0];
            assertThatThrownBy(() -> settings(env, Map.of((String) each[1], (String) each[2])))
                    .as("%s=%s", each[1], each[2])
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining((String) each[3]);
        }
    }

    @Test
    void the_whole_settings_text_holds_no_secret() {
        Config config = ConfigLoader.load(Map.of("AUTH_SIGNATURE_SECRET", "secret-one", "AUTH_HMAC_KEYS", "k1=secret-two",
                "MYSQL_HOST", "db", "MYSQL_PASSWORD", "secret-three", "MYSQL_TOOLS_USER", "tools",
                "MYSQL_TOOLS_PASSWORD", "secret-four", "REDIS_HOST", "cache", "REDIS_PASSWORD", "secret-five"), Map.of());
        ServiceSettings service = ServiceSettings.from(config);
        ToolSettings tools = ToolSettings.from(config, java.util.EnumSet.allOf(ToolSettings.Part.class), null);
        assertThat(service.database().orElseThrow().serving().server()).isEqualTo("db:3306");
        assertThat(tools.mysql().orElseThrow().user()).isEqualTo("tools");
        assertThat(service + " " + tools).contains("db:3306").contains("cache:6379").doesNotContain("secret-");
    }

    @Test
    void a_command_reads_only_the_parts_it_uses() {
        Config config = ConfigLoader.load(Map.of("MYSQL_SSL_CA", "/nonexistent/ca.pem", "REDIS_HOST", "cache",
                "REDIS_PORT", "six"), Map.of("forecap.embedded.seed", "many"));
        assertThat(ToolSettings.from(config, java.util.EnumSet.noneOf(ToolSettings.Part.class), 7L).seed()).isEqualTo(7);
        assertThat(ToolSettings.from(config, java.util.EnumSet.of(ToolSettings.Part.SEED), 7L).mysql()).isEmpty();
        assertThatThrownBy(() -> ToolSettings.from(config, java.util.EnumSet.of(ToolSettings.Part.SEED), null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("forecap.embedded.seed");
        assertThatThrownBy(() -> ToolSettings.from(config, java.util.EnumSet.of(ToolSettings.Part.MYSQL), 7L))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("certificate authorities");
        assertThatThrownBy(() -> ToolSettings.from(config, java.util.EnumSet.of(ToolSettings.Part.REDIS), 7L))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("forecap.redis.port");
    }

    @Test
    void the_embedded_mode_reads_no_store_or_cache_setting() {
        ServiceSettings embedded = settings(Map.of("REDIS_HOST", "cache", "REDIS_PORT", "six"),
                Map.of("forecap.cache.local.max-bytes", "lots", "forecap.mysql.wait-budget", "a while"));
        assertThat(embedded.store()).isEqualTo(ServiceSettings.StoreMode.EMBEDDED);
        assertThat(embedded.database()).isEmpty();
        assertThat(embedded.redis()).isEmpty();
        assertThat(embedded.nearCache().enabled()).isFalse();
    }

    @Test
    void auth_schemes_choose_tokens_signatures_or_both() {
        Map<String, String> provider = Map.of("AUTH_JWT_JWKS_URI", "https://login.example.com/jwks.json",
                "AUTH_JWT_ISSUER", "https://login.example.com/", "AUTH_JWT_AUDIENCE", "forecap-recap");
        Map<String, String> both = new HashMap<>(provider);
        both.put("AUTH_SCHEMES", "jwt, legacy");
        ServiceSettings.AuthSettings migrating = settings(both, Map.of()).auth();
        assertThat(migrating.scheme()).contains("legacy");
        assertThat(migrating.jwt()).hasValueSatisfying(jwt -> {
            assertThat(jwt.issuer()).isEqualTo("https://login.example.com/");
            assertThat(jwt.userClaim()).isEqualTo("sub");
            assertThat(jwt.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        });
        Map<String, String> tokensOnly = new HashMap<>(provider);
        tokensOnly.put("AUTH_SCHEMES", "jwt");
        assertThat(settings(tokensOnly, Map.of()).auth().scheme()).isEmpty();
        assertThat(settings(Map.of("AUTH_SCHEMES", ""), Map.of()).auth().scheme()).as("blank: the signature scheme")
                .contains("legacy");

        assertThatThrownBy(() -> settings(Map.of("AUTH_SCHEMES", "jwt"), Map.of()))
                .hasMessageContaining("AUTH_JWT_JWKS_URI");
        assertThatThrownBy(() -> settings(Map.of("AUTH_SCHEMES", "legacy,hmac-sha256"),
                Map.of())).hasMessageContaining("one signature scheme");
        assertThatThrownBy(() -> settings(Map.of("AUTH_SCHEMES", "oauth"), Map.of()))
                .hasMessageContaining("jwt, legacy or hmac-sha256");
        Map<String, String> symmetric = new HashMap<>(tokensOnly);
        symmetric.put("AUTH_JWT_ALGORITHMS", "HS256");
        assertThatThrownBy(() -> settings(symmetric, Map.of()))
                .hasMessageContaining("public-key");
    }

    @Test
    void the_user_budget_is_on_by_default_and_reads_its_proxies() {
        assertThat(settings(Map.of(), Map.of()).http().userBudget().limit()).isEqualTo(600);
        HttpPolicy.UserBudgetPolicy set = settings(Map.of("USER_BUDGET", "50",
                "USER_BUDGET_WINDOW", "PT10S", "TRUSTED_PROXIES", "10.0.0.0/16, 10.1.0.7"), Map.of()).http().userBudget();
        assertThat(set.limit()).isEqualTo(50);
        assertThat(set.window()).hasSeconds(10);
        assertThat(set.trustedProxies()).hasSize(2);
        assertThat(settings(Map.of("USER_BUDGET", "0"), Map.of()).http().userBudget().limit()).isZero();
        assertThat(set.tokensAccepted()).as("a Bearer header counts where tokens are not accepted").isFalse();
        Map<String, String> tokens = new HashMap<>(Map.of("AUTH_SCHEMES", "jwt,legacy",
                "AUTH_JWT_JWKS_URI", "https://login.example.com/jwks.json", "AUTH_JWT_ISSUER", "https://login.example.com/",
                "AUTH_JWT_AUDIENCE", "forecap-recap"));
        assertThat(settings(tokens, Map.of()).http().userBudget().tokensAccepted()).isTrue();
        assertThatThrownBy(() -> settings(Map.of("TRUSTED_PROXIES", "balancer.local"),
                Map.of())).hasMessageContaining("trusted-proxies");
    }
}
