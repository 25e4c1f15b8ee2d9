package com.forecap.bootstrap.wiring;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webserver.WebServer;

import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.adapter.in.http.HttpPolicy;
import com.forecap.adapter.in.http.RecapWebServer;
import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.adapter.out.prometheus.PrometheusMetrics;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.service.GetUserRecapService;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.HmacSignatureScheme;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.SignatureScheme;
import com.forecap.domain.auth.TokenVerifier;

/**
 * What the service does between binding its port and saying it is ready: the first requests of a
 * campaign meet a process whose pools are open and whose request path is compiled.
 *
 * <ol>
 *     <li>The pools are filled: every MySQL connection opened with the recap statement prepared on it
 *     (reading {@code user_id} 0, which nobody has), the Redis pool's working size connected.</li>
 *     <li>For {@code forecap.warm-up} (600 ms by default), a private server on a free loopback port, built
 *     by {@link RecapWebServer} like the listener, answers signed requests from eight keep-alive
 *     connections. Its use case is the real one over a private copy of the store chain: the same near
 *     cache, Redis and MySQL classes on the same pools, but its own metrics, Redis entries of its own ({@code
 *     user:recap:warm-up:{id}}, deleted afterwards), MySQL rows the server computes from synthetic recaps
 *     ({@code JSON_TABLE} in the table's column types; no table is read) decoded, mapped and encoded like a
 *     user's, and a signing key made up for the run. No user's row or cache entry is read or written, and the
 *     service's metrics do not count these requests.</li>
 * </ol>
 * Meanwhile {@code /health/live} answers and {@code /health/ready} says 503 ("warming up").
 */
final class StartupWarmup {

    private static final System.Logger LOG = System.getLogger(StartupWarmup.class.getName());
    /** Keep-alive connections driving the private server. */
    private static final int CONNECTIONS = 8;
    /** Signature checks of the bearer-token warm-up (RS256 and ES256 alternately), as many remembered. */
    private static final int TOKEN_CHECKS = 600;
    /** The budget's code path runs in the warm-up too, with a limit its users never reach. */
    private static final HttpPolicy.UserBudgetPolicy WARM_UP_BUDGET = new HttpPolicy.UserBudgetPolicy(1_000_000,
            Duration.ofMinutes(1), List.of(), false);
    /** Users of the synthetic data set the warm-up asks for: each several times, so hits follow misses. */
    static final int USERS = 2_000;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.ofHours(7));
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StartupWarmup() {
    }

    /**
     * The warm-up's own copy of the store chain, built by the composition root.
     *
     * @param store   the chain (near cache, Redis, MySQL as configured) over recaps no user has
     * @param prepare waits until the real pools are filled (they start filling when built); answers what
     *                was opened, e.g. {@code mysql=20 redis=12}
     * @param cleanup deletes what the warm-up wrote and closes its parts
     */
    record Stack(LoadUserRecapPort store, Prepare prepare, Runnable cleanup) {
    }

    /** Fills the pools. */
    @FunctionalInterface
    interface Prepare {
        /**
         * Fills the pools.
         *
         * @return what was opened, for the start-up line
         */
        String fill();
    }

    /**
     * Fills the pools and drives the request path for the configured time.
     *
     * @param settings the service's settings
     * @param scheme   the configured signature scheme's name (the warm-up signs with its own key of that kind)
     * @param tokens   the bearer-token check, when tokens are accepted: its key set is fetched, and the
     *                 check runs on tokens of keys made up for the run
     * @param stack    the warm-up's store chain
     * @param metrics  the warm-up's own metrics (its store chain counts into them too)
     * @return a summary for the start-up line
     */
    static String run(ServiceSettings settings, String scheme, Optional<JwtTokenVerifier> tokens, Stack stack,
                      PrometheusMetrics metrics) {
        long began = System.nanoTime();
        Duration length = settings.warmUp();
        int answered;
        int unexpected;
        String tokenPart = "";
        try {
            if (length.isZero()) {
                return "warm-up=off; pools" + stack.prepare().fill() + tokens.map(StartupWarmup::fetchKeys).orElse("");
            }
            SignatureScheme signer = privateScheme(scheme);
            GetUserRecapService recaps = new GetUserRecapService(new RequestAuthenticator(signer,
                    settings.auth().freshness(), new CampaignWindow(null, null)), stack.store(), Clock.systemUTC());
            ConnectionGuard guard = new ConnectionGuard(settings.door(), metrics);
            WebServer server = RecapWebServer.start(settings.listener().server(), settings.listener().http1(), true, guard,
                    new RecapWebServer.Parts<>(recaps, List.of(), metrics, new HttpPolicy(settings.http().allowedOrigins(),
                            false, WARM_UP_BUDGET), () -> false));
            AtomicInteger failures = new AtomicInteger();
            try {
                answered = drive(server.port(), signer, began + length.toNanos(), failures);
            } finally {
                server.stop();
                guard.close();
            }
            exerciseOtherScheme(scheme);
            if (tokens.isPresent()) {
                long checked = System.nanoTime();
                int passed = JwtTokenVerifier.exercise(TOKEN_CHECKS);
                tokenPart = "; tokens=" + passed + " checked in " + (System.nanoTime() - checked) / 1_000_000 + " ms"
                        + fetchKeys(tokens.get());
            }
            unexpected = failures.get();
        } finally {
            // also when the warm-up is off: its store chain was built and holds sender threads
            stack.cleanup().run();
        }
        // the pools were being filled meanwhile (their first connections served the warm-up)
        String pools = " pools" + stack.prepare().fill();
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (unexpected > 0) {
            LOG.log(System.Logger.Level.WARNING, "warm-up: " + unexpected + " of " + answered
                    + " requests did not get the expected answer");
        }
        return "warm-up=" + answered + " requests in " + millis + " ms;" + pools + tokenPart;
    }

    /** Fetches the provider's key set, so that the first token does not wait for it; a failure is only logged. */
    private static String fetchKeys(JwtTokenVerifier tokens) {
        try {
            return ", provider keys=" + tokens.fetchKeys();
        } catch (TokenVerifier.KeysUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "at start: " + e.getMessage() + "; token requests get 503 until "
                    + "the keys can be fetched");
            return ", provider keys=unavailable";
        }
    }

    /** A scheme of the configured kind with a key made up for this run. */
    private static SignatureScheme privateScheme(String name) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        return HmacSignatureScheme.NAME.equals(name) ? new HmacSignatureScheme(Map.of("warm-up", key))
                : new LegacySignatureScheme(key);
    }

    /** The scheme the listener does not use is compiled too, for a deployment that switches at a restart. */
    private static void exerciseOtherScheme(String name) {
        SignatureScheme other = privateScheme(HmacSignatureScheme.NAME.equals(name) ? LegacySignatureScheme.NAME
                : HmacSignatureScheme.NAME);
        String timestamp = ISO_SECONDS.format(Instant.now());
        for (int i = 0; i < 2_000; i++) {
            String user = Integer.toString(1 + i % USERS);
            other.verify(timestamp, user, other.sign(timestamp, user));
        }
    }

    /**
     * Sends signed requests until the deadline from {@link #CONNECTIONS} keep-alive connections: mostly
     * recaps of the warm-up's users in the timestamp form the clients send, some in the other forms,
     * some for users the store does not have (404) and some with a wrong signature (401).
     *
     * @return requests answered
     */
    private static int drive(int port, SignatureScheme signer, long deadline, AtomicInteger failures) {
        AtomicInteger answered = new AtomicInteger();
        List<Thread> clients = new ArrayList<>(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            clients.add(Thread.ofVirtual().name("warm-up-client-" + c).start(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(5_000);
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        int kind = n % 50;
                        long user = kind == 7 ? USERS + 1 + random.nextInt(1_000) : 1 + random.nextInt(USERS);
                        String timestamp = timestamp(n, Instant.now());
                        String id = Long.toString(user);
                        String sign = kind == 13 ? "AAAA" : signer.sign(timestamp, id);
                        int expected = kind == 13 ? 401 : kind == 7 ? 404 : 200;
                        out.write(("GET /api/user-data HTTP/1.1\r\nHost: 127.0.0.1\r\ntimestamp: " + timestamp
                                + "\r\nuser_id: " + id + "\r\nsign: " + sign + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        int status = readResponse(in);
                        answered.incrementAndGet();
                        if (status != expected) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answered.get();
    }

    private static String timestamp(int n, Instant now) {
        return switch (n % 10) {
            case 3 -> ISO_MILLIS.format(now);
            case 5 -> ISO_OFFSET.format(now);
            case 8 -> RFC_1123.format(now);
            default -> ISO_SECONDS.format(now);
        };
    }

    /** Reads one response (status line, headers, a {@code Content-Length} body) and answers its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
