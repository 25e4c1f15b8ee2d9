package com.forecap.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The runnable jar as users run it: configured by environment, stopped by SIGTERM, clear about bad input. */
class ForecapJarIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void serves_with_the_original_variable_names_and_stops_gracefully_on_sigterm() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess jar = JarProcess.start(Map.of("PORT", Integer.toString(port), "EMBEDDED_USERS", "2000",
                "AUTH_SIGNATURE_SECRET", "jar-secret"))) {
            String started = jar.awaitLine("started", START);
            assertThat(started).contains("mode=embedded").contains("users=2000").contains("port=" + port);
            assertThat(jar.output()).doesNotContain("jar-secret");

            String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String sign = Base64.getEncoder().encodeToString((ts + "jar-secret" + "2000").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/user-data"))
                            .headers("timestamp", ts, "user_id", "2000", "sign", sign).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            jar.terminate();
            jar.awaitExit(Duration.ofSeconds(20));
            assertThat(jar.output()).contains("stopping").contains("stopped");
        }
    }

    @Test
    void a_bad_setting_is_one_clear_line_and_exit_code_2() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of("EMBEDDED_USERS", "lots", "PORT", Integer.toString(JarProcess.freePort())))) {
            assertThat(jar.awaitExit(START)).isEqualTo(2);
            assertThat(jar.output()).contains("configuration error: forecap.embedded.users must be a whole number, was 'lots'")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void a_busy_port_is_reported_without_a_stack_trace() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             JarProcess jar = JarProcess.start(Map.of("PORT", Integer.toString(busy.getLocalPort()), "HOST", "127.0.0.1",
                     "EMBEDDED_USERS", "10"))) {
            assertThat(jar.awaitExit(START)).isEqualTo(2);
            assertThat(jar.output()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()).doesNotContain("\tat ");
        }
    }

    @Test
    void help_lists_the_commands() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), "--help")) {
            assertThat(jar.awaitExit(START)).isZero();
            assertThat(jar.output()).contains("Usage: forecap").contains("serve");
        }
    }
}
