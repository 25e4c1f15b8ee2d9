package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping while a request is in flight: it completes, readiness turned 503 first, new connections are refused. */
class GracefulShutdownIT {

    private static final ScratchDatabase DATABASE = ScratchDatabase.named();

    @BeforeAll
    static void data() {
        DATABASE.withUsers(500);
    }

    @AfterAll
    static void drop() {
        DATABASE.close();
    }

    @Test
    void an_in_flight_request_completes_while_the_service_stops() throws Exception {
        RunningService service = LoopbackService.start(DATABASE.environment(),
                "forecap.shutdown.drain", "PT0.5S", "server.shutdown-grace-period", "PT10S",
                "forecap.mysql.connection-timeout", "PT5S");
        int port = service.port();
        HttpClient client = HttpClient.newHttpClient();
        try (Connection locker = DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT
                + "/" + DATABASE.name() + "?allowPublicKeyRetrieval=true", ScratchDatabase.USER, ScratchDatabase.PASSWORD)) {
            locker.createStatement().execute("LOCK TABLES user_recap_data WRITE");
            String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String sign = Base64.getEncoder().encodeToString((ts + "forecap2025" + "42").getBytes(StandardCharsets.UTF_8));
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/user-data")).headers("timestamp", ts, "user_id", "42",
                    "sign", sign).build(), HttpResponse.BodyHandlers.ofString());
            long waitStart = System.nanoTime();
            while (!processlistShowsTheQuery(locker) && System.nanoTime() - waitStart < Duration.ofSeconds(5).toNanos()) {
                Thread.onSpinWait();
            }

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
            HttpResponse<String> ready = readiness(client, port);
            assertThat(ready.statusCode()).as("not ready while draining").isEqualTo(503);
            assertThat(ready.body()).contains("shutting down");

            locker.createStatement().execute("UNLOCK TABLES");
            HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as("the in-flight request completed").isEqualTo(200);
            stopping.get(15, TimeUnit.SECONDS);
        }
        boolean refused;
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            refused = false;
        } catch (ConnectException e) {
            refused = true;
        }
        assertThat(refused).as("new connections are refused after the stop").isTrue();
    }

    private static HttpResponse<String> readiness(HttpClient client, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        HttpResponse<String> response;
        do {
            response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (response.statusCode() == 200 && System.nanoTime() < deadline);
        return response;
    }

    private static boolean processlistShowsTheQuery(Connection connection) throws java.sql.SQLException {
        try (var rows = connection.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE state LIKE '%lock%' AND info LIKE 'SELECT user_name%'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
