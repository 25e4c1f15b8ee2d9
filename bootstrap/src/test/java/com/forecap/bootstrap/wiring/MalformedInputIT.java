package com.forecap.bootstrap.wiring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A barrage of generated malformed requests over raw sockets: every one must get a 4xx, none a 5xx,
 * and the service must still answer a valid request afterwards.
 */
class MalformedInputIT {

    private static final int REQUESTS = 3_000;
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = LoopbackService.start(Map.of(), "forecap.embedded.users", "1000");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String sign(String ts, String id) {
        return Base64.getEncoder().encodeToString((ts + "forecap2025" + id).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thousands_of_malformed_requests_get_only_4xx_and_the_service_keeps_serving() throws Exception {
        Random random = new Random(20251201L);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = malformed(random, i);
            int status = send(request);
            statuses.merge(status, 1, Integer::sum);
            if (status < 400 || status > 499) {
                serverErrors.add(status + " for " + new String(request, StandardCharsets.ISO_8859_1)
                        .substring(0, Math.min(200, request.length)).replace("\r\n", "\\r\\n"));
            }
        }
        assertThat(serverErrors).as("statuses seen: %s", statuses).isEmpty();
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        int valid = send(("GET /api/user-data HTTP/1.1\r\nHost: localhost\r\ntimestamp: " + ts + "\r\nuser_id: 7\r\nsign: "
                + sign(ts, "7") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(valid).isEqualTo(200);
    }

    /** One request from a family of malformations chosen by the index. */
    private static byte[] malformed(Random random, int index) {
        String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String id = Integer.toString(1 + random.nextInt(1000));
        String good = sign(ts, id);
        String method = "GET";
        String path = "/api/user-data";
        String version = "HTTP/1.1";
        List<String> headers = new ArrayList<>(List.of("timestamp: " + ts, "user_id: " + id, "sign: " + good));
        switch (index % 16) {
            case 0 -> headers.remove(random.nextInt(headers.size()));
            case 1 -> headers.add(headers.get(random.nextInt(headers.size())).replaceFirst(": .*", ": " + random.nextInt()));
            case 2 -> headers.set(random.nextInt(3), headers.get(0).substring(0, headers.get(0).indexOf(':') + 2) + "x".repeat(9_000));
            case 3 -> headers.set(2, "sign: " + randomText(random, 1 + random.nextInt(60), "!@#$%^&*()=+/ABCabc123"));
            case 4 -> headers.set(1, "user_id: " + (random.nextBoolean() ? "9".repeat(1 + random.nextInt(40))
                    : "-" + random.nextInt(1000)));
            case 5 -> headers.set(0, "timestamp: " + mutate(random, ts));
            case 6 -> headers.set(random.nextInt(3), headers.get(0).replaceFirst(": .*", ": \u00e9\u00fc\u00ff\u0080"));
            case 7 -> method = List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "BREW").get(random.nextInt(8));
            case 8 -> path = List.of("/", "/api", "/api/user-data/1", "/../etc/passwd", "/api/user-data%00", "/%zz", "/api/user_data",
                    "/" + "a".repeat(3_000), "/metrics/../api/users", "/api/user-data/").get(random.nextInt(9));
            case 9 -> version = List.of("HTTP/0.9", "HTTP/1.2", "HTTP/2.0", "HTTP/3", "HTTPS/1.1", "http/1.1").get(random.nextInt(6));
            case 10 -> headers.set(1, "user_id: " + List.of(" 1", "1 ", "+1", "0x1F", "1e3", "01", "", "١").get(random.nextInt(8)));
            case 11 -> headers.set(0, "timestamp: " + List.of("1764547200", "2025-12-01", "2025-12-01T00:00:00+07:00", "yesterday",
                    "2025-02-30T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "").get(random.nextInt(8)));
            case 12 -> headers.add("x-pad-" + random.nextInt(1000) + ": " + "y".repeat(8_200 + random.nextInt(20_000)));
            case 13 -> headers.set(2, "sign: " + good.substring(0, Math.max(0, good.length() - 1 - random.nextInt(4))));
            case 14 -> headers.add("\u0001" + randomText(random, 5, "abc\u0001\u007f") + ": value");
            default -> {
                return ("\u0016\u0003\u0001" + randomText(random, 20 + random.nextInt(200), "abcXYZ \r\n:%/") + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        StringBuilder text = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n")
                .append("Host: localhost\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Breaks a timestamp for sure: a character replaced by one that cannot stand there, or one inserted. */
    private static String mutate(Random random, String text) {
        int position = random.nextInt(text.length());
        char replacement = "x/+_,;".charAt(random.nextInt(6));
        return random.nextBoolean()
                ? text.substring(0, position) + replacement + text.substring(position + 1)
                : text.substring(0, position) + replacement + text.substring(position);
    }

    private static String randomText(Random random, int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * Sends raw bytes and returns the status of the answer, -1 when the server closed without one,
     * -2 when it did not answer within 5 s.
     */
    private static int send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            try {
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
            } catch (java.net.SocketTimeoutException e) {
                return -2;
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
