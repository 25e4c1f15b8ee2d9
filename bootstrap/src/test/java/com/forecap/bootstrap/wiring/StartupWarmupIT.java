package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import com.forecap.bootstrap.SignedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warm-up in MySQL mode behind Redis: it runs while the port answers {@code /health/live} and
 * {@code /health/ready} says 503, fills the pools, and leaves no trace in the users' cache entries or in
 * the service's metrics.
 */
class StartupWarmupIT {

    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static PrivateRedisServer redis;
    private static RunningService service;
    private static int port;
    /** Answers seen while the start was under way: "live=200 ready=503 warming up" and the like. */
    private static final List<String> duringStart = new ArrayList<>();
    private static Map<String, Long> redisCommandsAfterStart;

    @BeforeAll
    static void start() throws Exception {
        DATABASE.withUsers(500);
        redis = PrivateRedisServer.start();
        Map<String, String> environment = DATABASE.environment();
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", Integer.toString(redis.port()));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<RunningService> starting = CompletableFuture.supplyAsync(() -> LoopbackService.start(environment,
                "server.port", Integer.toString(port), "forecap.warm-up", "PT2S"));
        while (!starting.isDone()) {
            String live = status("/health/live");
            String ready = status("/health/ready");
            synchronized (duringStart) {
                duringStart.add("live=" + live + " ready=" + ready);
            }
            Thread.sleep(20);
        }
        service = starting.get(30, TimeUnit.SECONDS);
        try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
            redisCommandsAfterStart = commandCounts(admin);
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        redis.close();
        DATABASE.close();
    }

    /** The status of a GET, with the readiness body's reason when it is 503; "none" when nothing listens. */
    private static String status(String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() + (answer.body().contains("warming up") ? " warming up" : "");
        } catch (IOException e) {
            return "none";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Test
    void readiness_waits_for_the_warm_up_while_liveness_answers_at_once() {
        assertThat(duringStart).as("the port answered during the warm-up")
                .contains("live=200 ready=503 warming up");
        // ready only after the last "warming up": a reading may catch the moment between readiness turning UP and
        // the start returning, but never a 200 followed by another "warming up"
        int lastWarming = -1;
        int firstReady = Integer.MAX_VALUE;
        for (int i = 0; i < duringStart.size(); i++) {
            if (duringStart.get(i).contains("warming up")) {
                lastWarming = i;
            } else if (duringStart.get(i).contains("ready=200")) {
                firstReady = Math.min(firstReady, i);
            }
        }
        assertThat(firstReady).as("never ready before the warm-up ended: " + duringStart).isGreaterThan(lastWarming);
        assertThat(status("/health/ready")).isEqualTo("200");
    }

    @Test
    void the_warm_up_ran_through_redis_and_mysql_and_touched_no_user_data() throws Exception {
        // the warm-up's lookups and writes went through this Redis: scripts ran before any request was sent
        assertThat(redisCommandsAfterStart.getOrDefault("eval", 0L)).as("warm-up scripts").isPositive();
        try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
            assertThat(admin.keys("user:recap:*").stream().filter(key -> !key.startsWith("user:recap:warm-up:")))
                    .as("no user's entry, lock or mark").isEmpty();
            assertThat(admin.keys("user:recap:warm-up:*").stream().filter(key -> key.matches(".*:\\d+$")))
                    .as("the warm-up's own entries were deleted").isEmpty();
        }
        String metrics = new SignedClient(port).get("/metrics").body();
        assertThat(value(metrics, "cache_hits_total", "cache_type=\"redis\"")).as("service's Redis hits").isZero();
        assertThat(value(metrics, "cache_misses_total", "cache_type=\"redis\"")).as("service's Redis misses").isZero();
        assertThat(value(metrics, "db_query_duration_seconds_count", "query_type=\"select\",table=\"user_recap_data\""))
                .as("service's MySQL reads").isZero();
        assertThat(metrics).as("no recap request counted").doesNotContain("route=\"/api/user-data\",status=\"200\"");
    }

    @Test
    void the_pools_are_full_when_the_service_says_ready() throws Exception {
        try (Jedis admin = new Jedis("127.0.0.1", redis.port())) {
            long forecapClients = admin.clientList().lines().filter(line -> line.contains(" name=forecap ")).count();
            assertThat(forecapClients).as("Redis connections open at start").isGreaterThanOrEqualTo(12);
            assertThat(redisCommandsAfterStart).as("no CLIENT SETINFO round trip per connection")
                    .doesNotContainKey("client|setinfo");
        }
        try (Connection admin = DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT
                + "/", ScratchDatabase.USER, ScratchDatabase.PASSWORD);
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
                     + DATABASE.name() + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("MySQL connections open at start (the pool's size)").isEqualTo(20);
        }
        // a first request is answered from the filled pools
        assertThat(new SignedClient(port).recap(42).statusCode()).isEqualTo(200);
    }

    @Test
    void with_mysql_and_redis_down_the_warm_up_gives_up_and_the_service_starts_cold() throws Exception {
        int deadMySql;
        int deadRedis;
        try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket two = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadMySql = one.getLocalPort();
            deadRedis = two.getLocalPort();
        }
        Map<String, String> environment = new java.util.HashMap<>(Map.of("MYSQL_HOST", "127.0.0.1",
                "MYSQL_PORT", Integer.toString(deadMySql), "MYSQL_USER", "nobody", "MYSQL_PASSWORD", "",
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(deadRedis)));
        long start = System.nanoTime();
        RunningService cold = LoopbackService.start(environment);
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the start is not held by the warm-up")
                    .isLessThan(Duration.ofSeconds(15));
            SignedClient client = new SignedClient(cold.port());
            assertThat(client.get("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = client.get("/health/ready");
            assertThat(ready.statusCode()).as("not ready while MySQL is down").isEqualTo(503);
            assertThat(ready.body()).as("the warm-up is over; the database is what is missing")
                    .doesNotContain("warming up").contains("\"database\":{\"status\":\"DOWN\"");
            assertThat(client.recap(7).statusCode()).as("a recap while MySQL is down").isEqualTo(503);
        } finally {
            cold.close();
        }
    }

    private static double value(String metrics, String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " ([0-9.eE+-]+)$")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static Map<String, Long> commandCounts(Jedis admin) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            Matcher matcher = Pattern.compile("^cmdstat_([\\w|]+):calls=(\\d+)").matcher(line);
            if (matcher.find()) {
                counts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
            }
        }
        return counts;
    }
}
