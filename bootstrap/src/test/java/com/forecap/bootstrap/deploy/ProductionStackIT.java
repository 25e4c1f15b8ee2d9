package com.forecap.bootstrap.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import com.forecap.bootstrap.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production compose stack without Docker: the built jar started with the compose file's
 * environment for the {@code api} service (hosts pointed at this machine), the exporters from Debian's
 * packages, and a real Prometheus with the laptop configuration and alert rules. Every dashboard panel
 * and every alert expression must return data once traffic has flowed.
 */
class ProductionStackIT {

    private static final Path ROOT = DeploymentFilesTest.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static PrivateRedisServer redis;
    private static JarProcess api;
    private static int apiPort;
    private static int prometheusPort;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        DATABASE.withUsers(3_000);
        redis = PrivateRedisServer.start();

        Map<String, String> environment = composeEnvironment("api");
        apiPort = JarProcess.freePort();
        environment.put("PORT", Integer.toString(apiPort));
        environment.put("MYSQL_HOST", ScratchDatabase.HOST);
        environment.put("MYSQL_PORT", Integer.toString(ScratchDatabase.PORT));
        environment.put("MYSQL_DATABASE", DATABASE.name());
        environment.put("MYSQL_USER", ScratchDatabase.USER);
        environment.put("MYSQL_PASSWORD", ScratchDatabase.PASSWORD);
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(redis.port()));
        api = JarProcess.start(environment);
        api.awaitLine("service started", LIMIT);

        int node = JarProcess.freePort();
        int mysqld = JarProcess.freePort();
        int redisExporter = JarProcess.freePort();
        prometheusPort = JarProcess.freePort();
        process(Map.of(), "prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + node);
        process(Map.of("DATA_SOURCE_NAME", ScratchDatabase.USER + ":" + ScratchDatabase.PASSWORD + "@(" + ScratchDatabase.HOST
                + ":" + ScratchDatabase.PORT + ")/"), "prometheus-mysqld-exporter", "--web.listen-address=127.0.0.1:" + mysqld);
        process(Map.of(), "prometheus-redis-exporter", "-redis.addr", "redis://127.0.0.1:" + redis.port(),
                "-web.listen-address", "127.0.0.1:" + redisExporter);

        String config = Files.readString(ROOT.resolve("observability/prometheus/prometheus.local.yml"))
                .replace("YOUR_EC2_IP:3000", "127.0.0.1:" + apiPort)
                .replace("YOUR_EC2_IP:9100", "127.0.0.1:" + node)
                .replace("YOUR_EC2_IP:9104", "127.0.0.1:" + mysqld)
                .replace("YOUR_EC2_IP:9121", "127.0.0.1:" + redisExporter)
                .replace("localhost:9090", "127.0.0.1:" + prometheusPort)
                .replaceAll("scrape_interval: \\S+", "scrape_interval: 1s")
                .replaceAll("scrape_timeout: \\S+", "scrape_timeout: 1s")
                .replaceAll("evaluation_interval: \\S+", "evaluation_interval: 1s");
        assertThat(config).doesNotContainPattern("YOUR_EC2_IP:\\d");
        Files.copy(ROOT.resolve("observability/prometheus/alerts.yml"), work.resolve("alerts.yml"));
        Files.writeString(work.resolve("prometheus.yml"), config);
        process(Map.of(), "prometheus", "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : PROCESSES) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (api != null) {
            api.close();
        }
        if (redis != null) {
            redis.close();
        }
        DATABASE.close();
    }

    /** The environment the compose file gives a service, with ${VAR:-default} resolved from .env.example. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> composeEnvironment(String service) throws IOException {
        Map<String, String> dotEnv = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                dotEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Map<String, Object> compose = new Yaml().load(Files.readString(DeploymentFilesTest.COMPOSE));
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                compose.get("services")).get(service)).get("environment");
        Pattern reference = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}");
        Map<String, String> resolved = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            Matcher matcher = reference.matcher(String.valueOf(value));
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                String fromEnv = dotEnv.get(matcher.group(1));
                String replacement = fromEnv != null && !fromEnv.isEmpty() ? fromEnv : matcher.group(2) == null ? "" : matcher.group(2);
                matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(text);
            resolved.put(name, text.toString());
        });
        return resolved;
    }

    private static void process(Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(Path.of(command[0]).getFileName() + ".log").toFile());
        builder.environment().putAll(environment);
        PROCESSES.add(builder.start());
    }

    private static HttpResponse<String> recap(long id, boolean signed) throws Exception {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String sign = signed ? Base64.getEncoder().encodeToString((ts + "forecap2025" + id).getBytes(StandardCharsets.UTF_8)) : "x";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/user-data"))
                .headers("timestamp", ts, "user_id", Long.toString(id), "sign", sign).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode query(String expression) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort
                + "/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("status").asText()).as(expression + ": " + response.body()).isEqualTo("success");
        return json.path("data").path("result");
    }

    @Test
    void the_api_serves_with_the_compose_environment() throws Exception {
        assertThat(api.output()).contains("mode=mysql").contains("redis=127.0.0.1:" + redis.port());
        assertThat(recap(1_234, true).statusCode()).isEqualTo(200);
        assertThat(recap(1_234, true).statusCode()).isEqualTo(200);
        assertThat(recap(9_999, true).statusCode()).isEqualTo(404);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\":{\"status\":\"UP\"").contains("\"redis\":{\"status\":\"UP\"");
    }

    @Test
    void the_prometheus_files_pass_promtool() throws Exception {
        for (String[] check : new String[][] {
            {"promtool", "check", "config", ROOT.resolve("observability/prometheus/prometheus.local.yml").toString()},
            {"promtool", "check", "rules", ROOT.resolve("observability/prometheus/alerts.yml").toString()}}) {
            Process promtool = new ProcessBuilder(check).redirectErrorStream(true).start();
            String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(promtool.waitFor()).as(output).isZero();
            assertThat(output).contains("SUCCESS");
        }
    }

    @Test
    void every_dashboard_panel_and_alert_expression_returns_data_after_traffic() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int offset = t;
                threads.submit(() -> {
                    long id = 1 + offset;
                    while (System.nanoTime() < until) {
                        recap(1 + (id * 7919) % 3_300, id % 25 != 0);
                        answered.incrementAndGet();
                        id += 8;
                    }
                    return null;
                });
            }
        }
        assertThat(answered.get()).isGreaterThan(500);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (query("up{job=\"forecap-api\"} == 1").isEmpty()
                || query("count_over_time(up{job=\"forecap-api\"}[1m]) >= 8").isEmpty()
                || query("up == 0").size() > 0 || query("up").size() < 5)) {
            Thread.sleep(500);
        }
        assertThat(query("up == 1").size()).as("every job is scraped").isEqualTo(5);

        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JSON.readTree(ROOT.resolve("observability/grafana/dashboards/forecap-api.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        assertThat(expressions).hasSizeGreaterThan(20);
        Pattern threshold = Pattern.compile("(?s)^(.*?)\\s*(>|<|==|!=|>=|<=)\\s*[0-9.]+\\s*$");
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = new Yaml().load(Files.readString(ROOT.resolve("observability/prometheus/alerts.yml")));
        List<String> alerts = new ArrayList<>();
        for (Object group : (List<Object>) rules.get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                String expression = String.valueOf(((Map<String, Object>) rule).get("expr")).trim();
                Matcher matcher = threshold.matcher(expression);
                alerts.add(matcher.matches() ? matcher.group(1) : expression);
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
        expressions.addAll(alerts);

        List<String> empty = new ArrayList<>();
        for (String expression : expressions) {
            if (query(expression).isEmpty()) {
                empty.add(expression);
            }
        }
        assertThat(empty).as("expressions without series").isEmpty();

        HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort
                + "/api/v1/rules")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loaded.body()).contains("ForecapHighP95Latency").contains("ForecapHighErrorRate")
                .contains("ForecapLowCacheHitRate").contains("ForecapHighCpu").contains("ForecapHighMemory");
    }
}
