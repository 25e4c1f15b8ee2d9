package com.forecap.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Requests to a running service on loopback, signed as the guide's clients sign them (legacy, forecap2025). */
public final class SignedClient {

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;

    /**
     * A client for a port.
     *
     * @param port the service's port on 127.0.0.1
     */
    public SignedClient(int port) {
        this.port = port;
    }

    /**
     * The legacy signature of the guide's clients.
     *
     * @param timestamp the timestamp header
     * @param userId    the user_id header
     * @return the sign header
     */
    public static String sign(String timestamp, String userId) {
        return Base64.getEncoder().encodeToString((timestamp + "forecap2025" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A freshly signed recap request.
     *
     * @param id the user
     * @return the answer
     * @throws IOException          when the request fails
     * @throws InterruptedException when interrupted
     */
    public HttpResponse<String> recap(long id) throws IOException, InterruptedException {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/user-data"))
                .headers("timestamp", ts, "user_id", Long.toString(id), "sign", sign(ts, Long.toString(id))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A plain GET.
     *
     * @param path the path
     * @return the answer
     * @throws IOException          when the request fails
     * @throws InterruptedException when interrupted
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
