package com.forecap.bootstrap.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.redis.RedisSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scale-out settings as read from the environment: reader endpoint, TLS trust files. */
class ScaleOutConfigTest {

    private static final Map<String, String> WRITER = Map.of("MYSQL_HOST", "writer.example", "MYSQL_PORT", "3307",
            "MYSQL_DATABASE", "forecap_db", "MYSQL_USER", "forecap_user", "MYSQL_PASSWORD", "pw",
            "MYSQL_TOOLS_USER", "forecap_tools", "MYSQL_TOOLS_PASSWORD", "tools");

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static Optional<MySqlSettings> reader(Config config) {
        return MySqlConfig.database(config).reader();
    }

    @Test
    void no_reader_unless_configured() {
        assertThat(reader(ConfigLoader.load(WRITER, Map.of()))).isEmpty();
    }

    @Test
    void a_reader_host_takes_the_writers_port_database_and_serving_account() {
        MySqlSettings reader = reader(ConfigLoader.load(with(WRITER, "MYSQL_READER_HOST", "reader.example"),
                Map.of())).orElseThrow();
        assertThat(reader.server()).isEqualTo("reader.example:3307");
        assertThat(reader.database()).isEqualTo("forecap_db");
        assertThat(reader.user()).isEqualTo("forecap_user");
        MySqlSettings port = reader(ConfigLoader.load(with(WRITER, "MYSQL_READER_HOST", "reader.example",
                "MYSQL_READER_PORT", "3310"), Map.of())).orElseThrow();
        assertThat(port.server()).isEqualTo("reader.example:3310");
    }

    @Test
    void a_reader_url_is_used_as_given_and_the_tools_stay_on_the_writer() {
        var config = ConfigLoader.load(with(WRITER, "MYSQL_READER_URL",
                "jdbc:mysql://ro.example:3306/forecap_db?sslMode=VERIFY_IDENTITY"), Map.of());
        assertThat(reader(config).orElseThrow().jdbcUrl())
                .isEqualTo("jdbc:mysql://ro.example:3306/forecap_db?sslMode=VERIFY_IDENTITY");
        assertThat(MySqlConfig.tools(config).server()).isEqualTo("writer.example:3307");
        assertThat(MySqlConfig.serving(config).server()).isEqualTo("writer.example:3307");
        assertThatThrownBy(() -> reader(ConfigLoader.load(with(WRITER, "MYSQL_READER_URL",
                "jdbc:mysql://ro.example:3306/forecap_db", "MYSQL_READER_HOST", "ro.example"), Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not both");
    }

    @Test
    void a_ca_file_makes_verify_identity_the_default_and_a_bad_one_is_one_clear_error(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> MySqlConfig.serving(ConfigLoader.load(with(WRITER, "MYSQL_SSL_CA", notPem.toString()), Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("certificate authorities");
        assertThat(MySqlConfig.serving(ConfigLoader.load(WRITER, Map.of())).jdbcUrl()).contains("sslMode=PREFERRED");
    }

    @Test
    void redis_tls_trust_and_host_name_settings() {
        RedisSettings settings = CacheConfig.redis(ConfigLoader.load(Map.of("REDIS_HOST", "cache.example", "REDIS_TLS", "true",
                "REDIS_TLS_CA_FILE", "/etc/forecap/ca.pem", "REDIS_TLS_VERIFY_HOSTNAME", "false"), Map.of())).orElseThrow();
        assertThat(settings.tls()).isTrue();
        assertThat(settings.tlsCaFile()).isEqualTo("/etc/forecap/ca.pem");
        assertThat(settings.tlsVerifyHostname()).isFalse();
        assertThat(CacheConfig.redis(ConfigLoader.load(Map.of("REDIS_HOST", "cache.example"), Map.of())).orElseThrow()
                .tlsVerifyHostname()).isTrue();
    }
}
