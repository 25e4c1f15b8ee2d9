package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow-header floods on loopback. Each partial connection sends a request line and half a header line,
 * then nothing. One address flooding cannot take the slots others need (per-address cap), a flood from
 * many addresses that fills every slot lasts only until the head deadline, and every partial
 * connection is closed by that deadline. Loopback has the whole 127/8 block, so each "client address"
 * is a real source address.
 */
class SlowlorisIT {

    private static final String PARTIAL = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: a";
    private static final int WANTED_FLOOD = 8_000;
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void one_address_opening_8000_partial_connections_cannot_lock_others_out_and_all_are_closed_by_the_deadline()
            throws Exception {
        int cap = 1_000;
        int slots = 3_000;
        // client and server sockets live in this one process: size the flood to its file limit
        int flood = (int) Math.min(WANTED_FLOOD, maxFileDescriptors() - cap - 2_000);
        assertThat(flood).as("the flood must exceed the server's connection slots").isGreaterThan(slots);
        RunningService service = start(slots, cap);
        for (int i = 0; i < 50; i++) {
            normalRequest(service.port(), "127.0.0.2");
        }
        List<SocketChannel> attack = new ArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<Long> latencies = new CopyOnWriteArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> normal = threads.submit(() -> {
                while (flooding.get()) {
                    latencies.add(normalRequest(service.port(), "127.0.0.2"));
                    Thread.sleep(50);
                }
                return null;
            });
            double limitedBefore = HttpFramingIT.refused(service.port(), "address_limit");
            double timedOutBefore = HttpFramingIT.refused(service.port(), "head_timeout");
            long began = System.nanoTime();
            attack.addAll(flood(service.port(), "127.0.0.1", flood));
            long flooded = System.nanoTime();
            int held = stillOpen(attack);
            flooding.set(false);
            normal.get(30, TimeUnit.SECONDS);
            List<Long> whileHeld = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                whileHeld.add(normalRequest(service.port(), "127.0.0.3"));
            }
            int stillHeld = stillOpen(attack);
            System.out.printf("slowloris: %d partial connections from one address opened in %d ms, %d held, "
                            + "normal requests while it was being opened (ms): %s; while %d were held (ms): %s%n", attack.size(),
                    (flooded - began) / 1_000_000, held, millis(latencies), stillHeld, millis(whileHeld));

            assertThat(attack).hasSize(flood);
            assertThat(held).as("the address keeps at most its cap of connections").isLessThanOrEqualTo(cap).isPositive();
            double limited = HttpFramingIT.refused(service.port(), "address_limit") - limitedBefore;
            assertThat(limited).as("connections over the cap were closed at once and counted").isPositive();
            assertThat(latencies).as("normal requests were answered while the flood was opened").isNotEmpty();
            assertThat(stillHeld).as("the flood was still held when the normal requests were made").isPositive();
            assertThat(whileHeld).as("normal requests from other addresses are answered in under 1 s during the flood")
                    .allMatch(nanos -> nanos < TimeUnit.SECONDS.toNanos(1));

            long closedBy = waitUntilAllClosed(attack, flooded + HEAD_TIMEOUT.plusSeconds(5).toNanos());
            assertThat(closedBy).as("every partial connection is closed by the head deadline").isPositive();
            System.out.printf("slowloris: all partial connections closed %d ms after the flood (head timeout %s)%n",
                    (closedBy - flooded) / 1_000_000, HEAD_TIMEOUT);
            assertThat(HttpFramingIT.refused(service.port(), "head_timeout") - timedOutBefore)
                    .as("each partial connection was closed either at once or by the deadline").isEqualTo(flood - limited)
                    .isGreaterThanOrEqualTo(held);
        } finally {
            closeAll(attack);
            service.close();
        }
    }

    @Test
    void a_flood_from_many_addresses_filling_every_slot_lasts_only_until_the_head_deadline() throws Exception {
        int slots = 1_500;
        int addresses = 4;
        int each = 500;
        RunningService service = start(slots, 1_000);
        List<SocketChannel> attack = new ArrayList<>();
        try {
            double timedOutBefore = HttpFramingIT.refused(service.port(), "head_timeout");
            for (int a = 1; a <= addresses; a++) {
                attack.addAll(flood(service.port(), "127.0.1." + a, each));
            }
            long flooded = System.nanoTime();
            long latency = normalRequest(service.port(), "127.0.0.2");
            System.out.printf("slot flood: %d partial connections for %d slots; a normal request waited %d ms%n",
                    attack.size(), slots, latency / 1_000_000);
            assertThat(attack.size()).as("the flood exceeds the slots").isGreaterThan(slots);
            assertThat(latency).as("the request waited for a slot the deadline freed")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500))
                    .isLessThan(HEAD_TIMEOUT.multipliedBy(2).plusSeconds(3).toNanos());
            long closedBy = waitUntilAllClosed(attack, flooded + HEAD_TIMEOUT.multipliedBy(2).plusSeconds(5).toNanos());
            assertThat(closedBy).as("queued partial connections meet the same deadline once accepted").isPositive();
            assertThat(HttpFramingIT.refused(service.port(), "head_timeout") - timedOutBefore)
                    .isGreaterThanOrEqualTo(attack.size());
        } finally {
            closeAll(attack);
            service.close();
        }
    }

    @Test
    void the_cap_counts_connections_per_address_and_spares_the_unlimited_ones() throws Exception {
        RunningService service = LoopbackService.start(Map.of(),
                "forecap.embedded.users", "100", "forecap.http.max-connections-per-address", "2",
                "forecap.http.unlimited-addresses", "127.0.2.0/24", "forecap.shutdown.close-notice", "PT0S");
        List<SocketChannel> capped = new ArrayList<>();
        List<SocketChannel> unlimited = new ArrayList<>();
        try {
            capped.addAll(flood(service.port(), "127.0.1.200", 3));
            unlimited.addAll(flood(service.port(), "127.0.2.7", 5));
            Thread.sleep(500);
            assertThat(stillOpen(capped)).as("two kept, the third closed at once").isEqualTo(2);
            assertThat(stillOpen(unlimited)).as("no cap for the listed range").isEqualTo(5);
            assertThat(normalRequest(service.port(), "127.0.1.201")).as("another address is not affected").isPositive();
        } finally {
            closeAll(capped);
            closeAll(unlimited);
            service.close();
        }
    }

    @Test
    void idle_keep_alive_and_silent_connections_are_closed_after_the_idle_timeout_and_not_before() throws Exception {
        RunningService service = LoopbackService.start(Map.of(),
                "forecap.embedded.users", "100", "server.idle-connection-timeout", "PT3S",
                "server.idle-connection-period", "PT0.1S", "forecap.shutdown.close-notice", "PT0S");
        try (RawHttp connection = RawHttp.connect(service.port()); RawHttp silent = RawHttp.connect(service.port())) {
            connection.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.read(false).status()).isEqualTo(200);
            long answered = System.nanoTime();
            // Helidon times idleness on a clock that ticks once a second: the close comes within 1 s of the timeout
            assertThat(connection.closedWithin(1_800)).as("still open well before the idle timeout").isFalse();
            assertThat(connection.closedWithin(3_000)).as("closed once idle for about 3 s").isTrue();
            long idle = (System.nanoTime() - answered) / 1_000_000;
            System.out.printf("idle keep-alive connection closed after %d ms (timeout 3000 ms)%n", idle);
            assertThat(idle).isBetween(1_900L, 4_600L);
            assertThat(silent.closedWithin(500)).as("a connection that never sent a byte is closed the same way").isTrue();
        } finally {
            service.close();
        }
    }

    private static RunningService start(int slots, int perAddress) {
        return LoopbackService.start(Map.of(),
                "forecap.embedded.users", "1000", "server.max-tcp-connections", Integer.toString(slots),
                "forecap.http.max-connections-per-address", Integer.toString(perAddress),
                "forecap.http.head-timeout", HEAD_TIMEOUT.toString(), "server.idle-connection-period", "PT0.25S",
                "forecap.shutdown.close-notice", "PT0S");
    }

    /** Opens partial connections from one source address; the server may close some at once. */
    private static List<SocketChannel> flood(int port, String from, int count) throws IOException {
        List<SocketChannel> channels = new ArrayList<>(count);
        ByteBuffer partial = ByteBuffer.wrap(PARTIAL.getBytes(StandardCharsets.ISO_8859_1));
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open();
                channels.add(channel);
                channel.bind(new InetSocketAddress(from, 0));
                channel.socket().connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                channel.configureBlocking(false);
                try {
                    channel.write(partial.duplicate());
                } catch (IOException closedByServer) {
                    // over the cap: the server closed it before the write
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels);
            throw e;
        }
        return channels;
    }

    /** How many connections the server has not closed (nothing was ever answered on them). */
    private static int stillOpen(List<SocketChannel> channels) {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        int open = 0;
        for (SocketChannel channel : channels) {
            buffer.clear();
            try {
                int read = channel.read(buffer);
                assertThat(read).as("a partial request gets no answer").isLessThanOrEqualTo(0);
                if (read == 0) {
                    open++;
                }
            } catch (IOException reset) {
                // closed by the server
            }
        }
        return open;
    }

    /** Polls until every connection is closed; the time it happened, or 0 if not by the deadline. */
    private static long waitUntilAllClosed(List<SocketChannel> channels, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            if (stillOpen(channels) == 0) {
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
        return 0;
    }

    /** A complete request from another address; its latency in nanoseconds. */
    private static long normalRequest(int port, String from) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
        return System.nanoTime() - start;
    }

    private static List<String> millis(List<Long> nanos) {
        return nanos.stream().map(value -> String.format("%.1f", value / 1e6)).toList();
    }

    private static long maxFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 4_096;
    }

    private static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
