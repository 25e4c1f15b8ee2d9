package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.forecap.bootstrap.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Signed links minted where the user is known: {@code forecap sign} and the backend example in
 * {@code deploy/examples} mint with the HMAC key the service holds; the link's parameters, sent as the
 * web view sends them, read that user's recap and no other.
 */
class SignedLinkIT {

    private static final String KEY = Base64.getEncoder().encodeToString(randomBytes());
    private static final Map<String, String> ENV = Map.of("AUTH_SIGNATURE_SCHEME", "hmac-sha256", "AUTH_HMAC_KEYS", "k1=" + KEY);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static RunningService service;

    private static byte[] randomBytes() {
        byte[] bytes = new byte[40];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @BeforeAll
    static void start() {
        service = LoopbackService.start(ENV, "forecap.embedded.users", "1000", "forecap.warm-up", "PT0S");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The query parameters of a link, decoded. */
    private static Map<String, String> parameters(String link) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** What the web view does with the link: its three parameters become the request's headers. */
    private static HttpResponse<String> open(Map<String, String> link, String userId) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/user-data"))
                .headers("timestamp", link.get("timestamp"), "user_id", userId, "sign", link.get("sign")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forecap_sign_mints_a_link_that_reads_that_user_only() throws Exception {
        JarProcess sign = JarProcess.start(ENV, "sign", "--user-id", "42", "--base-url", "https://recap.example.com/?locale=id");
        assertThat(sign.awaitExit(Duration.ofSeconds(60))).isZero();
        String link = sign.awaitLine("link: ", Duration.ofSeconds(1)).substring("link: ".length());
        assertThat(sign.output().lines()).as("nothing on the output but the four lines").hasSize(4);

        Map<String, String> parameters = parameters(link);
        assertThat(parameters).containsEntry("locale", "id").containsEntry("user_id", "42");
        assertThat(parameters.get("sign")).startsWith("k1:");
        assertThat(open(parameters, "42").statusCode()).isEqualTo(200);
        assertThat(open(parameters, "43").statusCode()).as("the signature covers the user").isEqualTo(401);
    }

    @Test
    void forecap_sign_refuses_a_bad_user_id_in_one_line() throws Exception {
        JarProcess sign = JarProcess.start(ENV, "sign", "--user-id", "4294967296");
        assertThat(sign.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(sign.output()).contains("--user-id must be a decimal id").doesNotContain("\tat ");
    }

    @Test
    void the_backend_example_mints_a_link_the_service_accepts() throws Exception {
        Path example = Path.of("..", "deploy", "examples", "mint-recap-link.mjs").toAbsolutePath().normalize();
        assertThat(example).exists();
        assertThat(Files.readAllLines(example).size()).as("a short example").isLessThanOrEqualTo(30);
        assumeTrue(nodeAvailable(), "node is not installed");
        ProcessBuilder node = new ProcessBuilder("node", example.toString(), "7", "https://recap.example.com/")
                .redirectErrorStream(true);
        node.environment().put("RECAP_KEY_ID", "k1");
        node.environment().put("RECAP_KEY", KEY);
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, String> parameters = parameters(output);
        assertThat(parameters.get("sign")).startsWith("k1:");
        assertThat(open(parameters, "7").statusCode()).as(output).isEqualTo(200);
        assertThat(open(parameters, "8").statusCode()).isEqualTo(401);
    }

    private static boolean nodeAvailable() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
