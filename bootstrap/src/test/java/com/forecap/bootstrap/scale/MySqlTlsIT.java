package com.forecap.bootstrap.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.forecap.bootstrap.JarProcess;
import com.forecap.bootstrap.SignedClient;
import com.forecap.bootstrap.wiring.LoopbackService;
import com.forecap.bootstrap.wiring.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL over TLS with the server's certificate and host name verified ({@code sslMode=VERIFY_IDENTITY}):
 * a private MariaDB that refuses plain connections, with a certificate for 127.0.0.1 and localhost signed
 * by a test authority, trusted either through {@code MYSQL_SSL_CA} (a PEM bundle, as the RDS bundle is)
 * or through the JVM's trust store (the Dockerfile's {@code RDS_CA_BUNDLE_URL} route).
 */
class MySqlTlsIT {

    private static TestCertificates certificates;
    private static PrivateMariaDbServer server;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create();
        server = PrivateMariaDbServer.start("sslMode=REQUIRED", "--bind-address=127.0.0.1,127.0.0.2",
                "--ssl-ca=" + certificates.ca(), "--ssl-cert=" + certificates.serverCert(),
                "--ssl-key=" + certificates.serverKey(), "--require-secure-transport=ON");
        server.execute("CREATE USER 'forecap_tools'@'%' IDENTIFIED BY 'tools-pw' REQUIRE SSL",
                "GRANT ALL PRIVILEGES ON forecap_db.* TO 'forecap_tools'@'%'",
                "CREATE USER 'forecap_user'@'%' IDENTIFIED BY 'user-pw' REQUIRE SSL",
                "GRANT SELECT ON forecap_db.* TO 'forecap_user'@'%'",
                "CREATE DATABASE forecap_db CHARACTER SET utf8mb4");
        TestData.migrateAndGenerate(environment("127.0.0.1", certificates.ca().toString()), 200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (certificates != null) {
            certificates.delete();
        }
    }

    private static Map<String, String> environment(String host, String caFile) {
        Map<String, String> environment = new HashMap<>();
        environment.put("MYSQL_HOST", host);
        environment.put("MYSQL_PORT", Integer.toString(server.port()));
        environment.put("MYSQL_DATABASE", "forecap_db");
        environment.put("MYSQL_USER", "forecap_user");
        environment.put("MYSQL_PASSWORD", "user-pw");
        environment.put("MYSQL_TOOLS_USER", "forecap_tools");
        environment.put("MYSQL_TOOLS_PASSWORD", "tools-pw");
        environment.put("MYSQL_SSL_MODE", "VERIFY_IDENTITY");
        if (caFile != null) {
            environment.put("MYSQL_SSL_CA", caFile);
        }
        return environment;
    }

    private static int status(Map<String, String> environment, long user) throws Exception {
        RunningService service = LoopbackService.start(environment,
                "forecap.mysql.connection-limit", "2", "forecap.mysql.connection-timeout", "PT5S");
        try {
            return new SignedClient(service.port()).recap(user).statusCode();
        } finally {
            service.close();
        }
    }

    @Test
    void verify_identity_with_the_ca_bundle_setting() throws Exception {
        assertThat(status(environment("127.0.0.1", certificates.ca().toString()), 42)).isEqualTo(200);
        assertThat(status(environment("localhost", certificates.ca().toString()), 42)).isEqualTo(200);
        Map<String, String> byUrl = environment("unused", certificates.ca().toString());
        byUrl.remove("MYSQL_HOST");
        byUrl.put("MYSQL_URL", "jdbc:mysql://localhost:" + server.port() + "/forecap_db?sslMode=VERIFY_IDENTITY");
        assertThat(status(byUrl, 43)).as("MYSQL_URL form, as for RDS").isEqualTo(200);
        // the server refuses anything but TLS
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:"
                + server.port() + "/forecap_db?sslMode=DISABLED&allowPublicKeyRetrieval=true", "forecap_user", "user-pw").close())
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void a_wrong_authority_or_host_name_is_refused() throws Exception {
        assertThat(status(environment("127.0.0.1", certificates.otherCa().toString()), 42))
                .as("a certificate from another authority").isEqualTo(503);
        assertThat(status(environment("127.0.0.2", certificates.ca().toString()), 42))
                .as("the right authority, but 127.0.0.2 is not in the certificate").isEqualTo(503);
        Map<String, String> verifyCa = environment("127.0.0.2", certificates.ca().toString());
        verifyCa.put("MYSQL_SSL_MODE", "VERIFY_CA");
        assertThat(status(verifyCa, 42)).as("VERIFY_CA does not check the name").isEqualTo(200);
        assertThat(status(environment("127.0.0.1", null), 42)).as("the JVM's default authorities do not know the test CA")
                .isEqualTo(503);
    }

    @Test
    void the_dockerfile_route_imports_the_bundle_into_the_jvm_trust_store() throws Exception {
        // what deploy/Dockerfile does with RDS_CA_BUNDLE_URL: keytool -importcert into the JVM's cacerts
        Path cacerts = certificates.directory().resolve("cacerts");
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"), cacerts);
        Engines.output(certificates.directory(), Duration.ofSeconds(60), Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importcert", "-noprompt", "-keystore", cacerts.toString(), "-storepass", "changeit", "-alias", "rds-001",
                "-file", certificates.ca().toString());
        int port = JarProcess.freePort();
        Map<String, String> environment = environment("unused", null);
        environment.remove("MYSQL_HOST");
        environment.put("MYSQL_URL", "jdbc:mysql://localhost:" + server.port() + "/forecap_db?sslMode=VERIFY_IDENTITY");
        environment.put("PORT", Integer.toString(port));
        environment.put("HOST", "127.0.0.1");
        environment.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + cacerts + " -Djavax.net.ssl.trustStorePassword=changeit"
                + " -Dforecap.mysql.connection-timeout=PT5S");
        try (JarProcess jar = JarProcess.start(environment)) {
            jar.awaitLine("Forecap recap service started", Duration.ofSeconds(60));
            assertThat(new SignedClient(port).recap(44).statusCode()).isEqualTo(200);
        }
    }
}
