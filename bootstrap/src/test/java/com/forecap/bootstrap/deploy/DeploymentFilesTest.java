package com.forecap.bootstrap.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.bootstrap.config.LegacyEnvironment;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files as Docker and ECS would read them (no engine runs here): names, ports and
 * health checks the guide relies on, and every variable they pass is one the service reads.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path COMPOSE = ROOT.resolve("deploy/docker-compose.production.yml");
    /** Variables the image or the service reads. */
    static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> names = new HashSet<>(LegacyEnvironment.NAMES.keySet());
        names.add("JAVA_OPTS");
        names.add("LOG_FORMAT");
        return Set.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    @Test
    void the_stack_has_the_guides_services_names_and_ports() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        assertThat(service(compose, "api")).containsEntry("container_name", "forecap-api")
                .containsEntry("ports", List.of("3000:3000"));
        assertThat(service(compose, "mysql")).containsEntry("container_name", "forecap-mysql")
                .containsEntry("ports", List.of("3306:3306"));
        assertThat((String) service(compose, "mysql").get("image")).startsWith("mysql:8");
        assertThat(service(compose, "redis")).containsEntry("container_name", "forecap-redis")
                .containsEntry("ports", List.of("6379:6379"));
        assertThat((String) service(compose, "redis").get("image")).startsWith("redis:7");
        for (String exporter : List.of("node-exporter", "mysqld-exporter", "redis-exporter")) {
            assertThat(service(compose, exporter)).as(exporter).isNotNull();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_variable_the_api_and_generator_get_is_read_by_the_service() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        for (String name : List.of("api", "generator")) {
            assertThat(environment(service(compose, name)).keySet()).as(name).isSubsetOf(KNOWN);
        }
        Map<String, String> api = environment(service(compose, "api"));
        assertThat(api).containsEntry("MYSQL_HOST", "mysql").containsEntry("REDIS_HOST", "redis")
                .containsEntry("PORT", "3000").containsEntry("MYSQL_USER", "forecap_user");
        assertThat(environment(service(compose, "generator"))).containsKey("MYSQL_TOOLS_USER");
        assertThat((List<String>) service(compose, "generator").get("profiles")).contains("tools");
    }

    @Test
    void every_value_taken_from_dot_env_is_in_the_example() throws IOException {
        Set<String> example = new HashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).contains("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "REDIS_PASSWORD");
        Matcher reference = Pattern.compile("(?<!\\$)\\$\\{(\\w+)").matcher(Files.readString(COMPOSE));
        List<String> referenced = new ArrayList<>();
        while (reference.find()) {
            referenced.add(reference.group(1));
        }
        assertThat(referenced).isNotEmpty();
        assertThat(example).containsAll(referenced);
    }

    @Test
    void the_compose_file_reads_the_same_under_docker_compose_and_podman_compose() throws IOException {
        String compose = Files.readString(COMPOSE);
        // podman-compose 1.0 (Debian 12) cuts a nested default such as ${A:-${B}} at the first "}".
        assertThat(compose).as("nested ${...} defaults").doesNotContainPattern("\\$\\{\\w+:?[-?][^}]*\\$\\{");
        // ... and leaves ${A:-} (an empty default) in the value as it is: ${A} is the same under both.
        assertThat(compose).as("empty ${...:-} defaults").doesNotContain(":-}");
        // Podman in a sandbox that may not raise resource limits fails on any "ulimits" entry.
        assertThat(compose).as("ulimits entries").doesNotContainPattern("(?m)^\\s+ulimits:");
        assertThat(ROOT.resolve("deploy/test/stack-test.sh")).isRegularFile();
    }

    @Test
    @SuppressWarnings("unchecked")
    void services_start_in_order_check_their_health_and_fit_a_t3_medium() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        for (String name : List.of("api", "mysql", "redis")) {
            assertThat(service(compose, name)).as(name).containsKey("healthcheck");
        }
        Map<String, Object> dependsOn = (Map<String, Object>) service(compose, "api").get("depends_on");
        for (String dependency : List.of("mysql", "redis")) {
            assertThat((Map<String, Object>) dependsOn.get(dependency)).containsEntry("condition", "service_healthy");
        }
        long total = 0;
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) compose.get("services")).entrySet()) {
            Map<String, Object> service = (Map<String, Object>) entry.getValue();
            if (service.containsKey("profiles")) {
                continue;
            }
            Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) service.get("deploy"))
                    .get("resources")).get("limits");
            assertThat(limits).as(entry.getKey() + " has a memory limit").containsKey("memory");
            total += megabytes(String.valueOf(limits.get("memory")));
        }
        assertThat(total).as("memory limits of the always-on services, MiB").isLessThanOrEqualTo(3_900);
        assertThat(service(compose, "api")).containsEntry("read_only", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_database_is_initialised_by_the_same_schema_script() throws IOException {
        List<String> volumes = (List<String>) service(yaml(COMPOSE), "mysql").get("volumes");
        String schema = volumes.stream().filter(v -> v.contains("docker-entrypoint-initdb.d/01")).findFirst().orElseThrow();
        Path script = ROOT.resolve("deploy").resolve(schema.substring(0, schema.indexOf(':'))).normalize();
        assertThat(script).isEqualTo(ROOT.resolve("adapters/mysql/src/main/resources/db/migration/V1__create_user_recap_data.sql"));
        assertThat(Files.readString(ROOT.resolve("deploy/mysql/initdb/02-users.sh")))
                .contains("GRANT SELECT ON").contains("forecap_user").contains("forecap_tools");
        assertThat(Files.readString(ROOT.resolve("deploy/mysql/my.cnf"))).contains("local_infile").contains("innodb_buffer_pool_size");
        assertThat(Files.readString(ROOT.resolve("deploy/redis/redis.conf"))).contains("maxmemory 1536mb")
                .contains("maxmemory-policy allkeys-lru");
    }

    @Test
    void every_launcher_starts_the_jvm_with_the_measured_flags() throws IOException {
        String flags = Files.readString(ROOT.resolve("bin/jvm-options")).strip();
        assertThat(flags).contains("-Xmx").contains("GC");
        assertThat(Files.readString(ROOT.resolve("run.sh"))).contains("$(cat bin/jvm-options)");
        assertThat(Files.readString(ROOT.resolve("perf-tests/run.sh"))).contains("$(cat bin/jvm-options)");
        assertThat(Files.readString(ROOT.resolve("deploy/Dockerfile"))).contains("ENV JAVA_OPTS=\"" + flags + "\"");
        assertThat(Files.readString(ROOT.resolve("deploy/docker-compose.production.yml")))
                .contains("JAVA_OPTS: \"" + flags + "\"");
        assertThat(Files.readString(ROOT.resolve("deploy/aws/ecs-task-definition.json")))
                .contains("{ \"name\": \"JAVA_OPTS\", \"value\": \"" + flags + "\" }");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("java " + flags + " -jar bootstrap/target/forecap.jar");
    }

    @Test
    void the_image_is_multi_stage_non_root_and_health_checked() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isGreaterThanOrEqualTo(2);
        assertThat(dockerfile).contains("eclipse-temurin:25-jre").contains("USER forecap").contains("HEALTHCHECK")
                .contains("/health/ready").contains("EXPOSE 3000");
    }

    @Test
    void the_aws_variants_use_only_variables_the_service_reads() throws IOException {
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/aws/aws.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.substring(0, line.indexOf('=')).trim());
            }
        }
        assertThat(names).contains("MYSQL_URL", "REDIS_HOST", "REDIS_TLS", "REDIS_CLUSTER").isSubsetOf(KNOWN);

        JsonNode task = new ObjectMapper().readTree(ROOT.resolve("deploy/aws/ecs-task-definition.json").toFile());
        JsonNode container = task.path("containerDefinitions").get(0);
        Set<String> passed = new HashSet<>();
        container.path("environment").forEach(entry -> passed.add(entry.path("name").asText()));
        container.path("secrets").forEach(entry -> passed.add(entry.path("name").asText()));
        assertThat(passed).contains("MYSQL_PASSWORD", "REDIS_PASSWORD").isSubsetOf(KNOWN);
        assertThat(container.path("portMappings").get(0).path("containerPort").asInt()).isEqualTo(3000);
        assertThat(container.path("readonlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("user").asText()).isNotIn("", "0", "root");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_laptop_stack_has_prometheus_and_grafana_where_the_guide_expects_them() throws IOException {
        Map<String, Object> local = yaml(ROOT.resolve("observability/docker-compose.local.yml"));
        assertThat(String.valueOf(service(local, "prometheus").get("ports"))).contains("9090:9090");
        assertThat(String.valueOf(service(local, "grafana").get("ports"))).contains("3001:3000");
        assertThat(String.valueOf(service(local, "grafana").get("environment"))).contains("admin");
        String prometheus = Files.readString(ROOT.resolve("observability/prometheus/prometheus.local.yml"));
        assertThat(prometheus).contains("YOUR_EC2_IP:3000").contains("job_name: forecap-api");
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("observability/grafana/dashboards/forecap-api.json").toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("Forecap API - Load Test Monitoring");
    }

    private static long megabytes(String size) {
        String value = size.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.endsWith("g")) {
            return Long.parseLong(value.substring(0, value.length() - 1)) * 1024;
        }
        if (value.endsWith("m")) {
            return Long.parseLong(value.substring(0, value.length() - 1));
        }
        throw new IllegalArgumentException("unexpected memory size " + size);
    }
}
