package com.forecap.bootstrap.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import com.forecap.bootstrap.JarProcess;
import com.forecap.bootstrap.SignedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three API processes (the built jar) behind HAProxy, which stands in for the ALB with the same health
 * check ({@code GET /health/ready}): one shared Redis lock across processes, and a rolling restart
 * (SIGTERM with {@code SHUTDOWN_DRAIN}, as ECS stops a task) under load that loses no request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    private static final int INSTANCES = 3;
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Pattern DB_READS = Pattern.compile("(?m)^db_query_duration_seconds_count\\{[^}]*} ([0-9.E]+)$");
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static PrivateRedisServer redis;
    private static final int[] PORTS = new int[INSTANCES];
    private static final JarProcess[] INSTANCE = new JarProcess[INSTANCES];
    private static Path directory;
    private static Process haproxy;
    private static int front;
    private static int stats;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Engines.require("haproxy", "haproxy");
        DATABASE.withUsers(500);
        redis = PrivateRedisServer.start();
        for (int i = 0; i < INSTANCES; i++) {
            PORTS[i] = JarProcess.freePort();
            INSTANCE[i] = JarProcess.start(environment(PORTS[i]));
        }
        for (JarProcess instance : INSTANCE) {
            instance.awaitLine("Forecap recap service started", START_LIMIT);
        }
        directory = Files.createTempDirectory("forecap-haproxy-");
        front = JarProcess.freePort();
        stats = JarProcess.freePort();
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    timeout check 3s
                frontend api
                    bind 127.0.0.1:%d
                    default_backend forecap
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                backend forecap
                    balance roundrobin
                    option httpchk
                    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host localhost
                    http-check expect status 200
                    default-server inter 300ms fall 2 rise 2
                """.formatted(front, stats));
        for (int i = 0; i < INSTANCES; i++) {
            config.append("    server api").append(i).append(" 127.0.0.1:").append(PORTS[i]).append(" check\n");
        }
        Files.writeString(directory.resolve("haproxy.cfg"), config);
        Engines.output(directory, Duration.ofSeconds(20), haproxyCommand(), "-c", "-f", directory.resolve("haproxy.cfg").toString());
        haproxy = new ProcessBuilder(haproxyCommand(), "-db", "-f", directory.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        for (int i = 0; i < INSTANCES; i++) {
            awaitState(i, "UP");
        }
    }

    private static String haproxyCommand() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
    }

    private static Map<String, String> environment(int port) {
        Map<String, String> environment = DATABASE.environment();
        environment.put("PORT", Integer.toString(port));
        environment.put("HOST", "127.0.0.1");
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(redis.port()));
        environment.put("SHUTDOWN_DRAIN", "PT2S");
        environment.put("MYSQL_CONNECTION_LIMIT", "8");
        // the load generator is one client reading thousands of users: no enumeration budget
        environment.put("USER_BUDGET", "0");
        return environment;
    }

    @AfterAll
    static void stop() throws Exception {
        Engines.kill(haproxy);
        for (JarProcess instance : INSTANCE) {
            if (instance != null) {
                instance.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        DATABASE.close();
        Engines.delete(directory);
    }

    /** Waits until HAProxy reports a server UP or DOWN (the status column of the stats CSV). */
    private static void awaitState(int instance, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stats + "/stats;csv")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : last.split("\n")) {
                    String[] fields = line.split(",");
                    if (fields.length > 17 && fields[0].equals("forecap") && fields[1].equals("api" + instance)
                            && fields[17].startsWith(state)) {
                        return;
                    }
                }
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("api" + instance + " not " + state + " in HAProxy within 30 s:\n" + last);
    }

    private static HttpResponse<String> throughBalancer(long user) throws Exception {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front + "/api/user-data"))
                .timeout(Duration.ofSeconds(10))
                .headers("timestamp", ts, "user_id", Long.toString(user), "sign", SignedClient.sign(ts, Long.toString(user)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Database reads so far, summed over the instances ({@code db_query_duration_seconds_count}). */
    private static long databaseReads() throws Exception {
        long total = 0;
        for (int port : PORTS) {
            String metrics = new SignedClient(port).get("/metrics").body();
            Matcher matcher = DB_READS.matcher(metrics);
            while (matcher.find()) {
                total += (long) Double.parseDouble(matcher.group(1));
            }
        }
        return total;
    }

    @Test
    @Order(1)
    void a_burst_for_one_uncached_user_across_instances_reads_the_database_once() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (long user : new long[] {123, 321}) {
            long before = databaseReads();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return throughBalancer(user);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(databaseReads() - before).as("database reads for 48 concurrent requests of user " + user
                    + " spread over " + INSTANCES + " instances").isEqualTo(1);
        }
        pool.shutdown();
        String csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stats + "/stats;csv")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (int i = 0; i < INSTANCES; i++) {
            String name = "api" + i;
            assertThat(csv.lines().filter(line -> line.startsWith("forecap," + name + ","))
                    .mapToLong(line -> Long.parseLong(line.split(",")[7])).sum())
                    .as("requests HAProxy sent to " + name).isPositive();
        }
    }

    @Test
    @Order(2)
    void a_rolling_restart_under_load_loses_no_request() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    long user = 1 + ThreadLocalRandom.current().nextInt(500);
                    try {
                        HttpResponse<String> answer = throughBalancer(user);
                        if (answer.statusCode() == 200) {
                            served.incrementAndGet();
                        } else {
                            String body = answer.body().replaceAll("\\s+", " ");
                            failures.merge("HTTP " + answer.statusCode() + " " + body.substring(0, Math.min(160, body.length())),
                                    1L, Long::sum);
                        }
                    } catch (Exception e) {
                        failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(500);
        for (int i = 0; i < INSTANCES; i++) {
            INSTANCE[i].terminate();
            awaitState(i, "DOWN");
            assertThat(INSTANCE[i].awaitExit(Duration.ofSeconds(30))).as("api" + i + " stopped on SIGTERM").isIn(0, 143);
            INSTANCE[i] = JarProcess.start(environment(PORTS[i]));
            INSTANCE[i].awaitLine("Forecap recap service started", START_LIMIT);
            awaitState(i, "UP");
        }
        Thread.sleep(500);
        running.set(false);
        for (Future<?> client : clients) {
            client.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).as("requests lost during the rolling restart (" + served.get() + " served)").isEmpty();
        assertThat(served.get()).isGreaterThan(200);
    }
}
