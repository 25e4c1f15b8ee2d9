package com.forecap.adapter.in.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.forecap.application.observability.RecordRefusalMetricsPort;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Keeps slow or greedy clients from holding the server's connection slots.
 *
 * <p>Helidon's own settings cover part of it: {@code idle-connection-timeout}, checked every
 * {@code idle-connection-period}, closes a connection that has not completed a request line for that long
 * (it may interrupt a connection only while it waits for a request line). Nothing in Helidon bounds the
 * time a client may take to send the header lines once its request line arrived (the idle check then
 * only asks the connection to stop after the request, which never comes), and nothing limits the
 * connections of one client address. This guard adds those two, and nothing else:
 * <ul>
 *   <li>a head deadline: from the moment a request line is read, the header lines (and a body, if the
 *   request has one) must arrive within {@link Settings#headTimeout()}, else the connection is closed
 *   without an answer; one thread checks every {@link Settings#checkPeriod()};</li>
 *   <li>a cap on the open connections of one client address; a connection over it is closed at once,
 *   before anything is read. Addresses in {@link Settings#unlimited()} (a load balancer's) have no cap.</li>
 * </ul>
 * It also lets a request end its connection cleanly after the answer ({@link #closeAfterThisRequest()}),
 * which Helidon 4.5 does not do by itself for {@code Connection: close}, and it keeps a stop from
 * dropping requests already written ({@link #stopping(Duration)}).
 *
 * <p>Cost per request: two thread-local reads and volatile writes from the connection listener; no
 * allocation, no lock, no logging. Per connection: one registry entry and, with a cap, one map update
 * at open and close.
 */
public final class ConnectionGuard implements AutoCloseable {

    /** Reason label of a connection closed because its head was not complete in time. */
    public static final String HEAD_TIMEOUT = "head_timeout";
    /** Reason label of a connection refused because its address had too many open. */
    public static final String ADDRESS_LIMIT = "address_limit";

    private static final long NONE = GuardedConnection.NONE;

    private final RecordRefusalMetricsPort refusals;
    private final long headNanos;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();
    private final AddressCap cap;
    private final ScheduledExecutorService watchdog;
    private volatile long firstRequestNanos = NONE;

    /**
     * Creates the guard and starts its checking thread.
     *
     * @param settings the limits
     * @param refusals told of every connection the guard closes
     */
    public ConnectionGuard(Settings settings, RecordRefusalMetricsPort refusals) {
        Objects.requireNonNull(settings, "settings");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.headNanos = settings.headTimeout().toNanos();
        this.cap = new AddressCap(settings);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "forecap-head-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.checkPeriod().toMillis();
        watchdog.scheduleWithFixedDelay(this::closeDue, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Wraps the server's HTTP/1 connection selector so that every connection passes the guard.
     *
     * @param http1 Helidon's selector
     * @return the guarded selector
     */
    public ServerConnectionSelector guard(ServerConnectionSelector http1) {
        return new GuardedSelector(http1, this, cap, refusals::refused);
    }

    /**
     * The connection listener that starts and stops the head deadline; add it to the HTTP/1 protocol
     * configuration as a receive listener.
     *
     * @return the listener
     */
    public Http1ConnectionListener listener() {
        return GuardedConnection.HeadListener.INSTANCE;
    }

    /**
     * Ends the head deadline of the current request: called once its body, if any, has been read.
     */
    static void headComplete() {
        GuardedConnection current = GuardedConnection.current();
        if (current != null) {
            current.headSince = NONE;
        }
    }

    /**
     * Closes the current connection once the answer to the current request is written: the connection
     * reads no further request. The answer must carry {@code Connection: close}.
     */
    static void closeAfterThisRequest() {
        GuardedConnection current = GuardedConnection.current();
        if (current != null) {
            // not interrupting: Helidon only stops its request loop after the answer
            current.delegate.close(false);
        }
    }

    /**
     * Called when the server is about to stop. Helidon's stop closes every connection that waits for a
     * request line, including one accepted a moment ago whose client has written its first request,
     * not yet read. From now on such a connection, one that has never started a request, is left open
     * until its first request has started (it is answered, and the connection closed after it) or it has
     * been open for {@code firstRequest} without one. A connection that has served requests and waits
     * for another is closed as before.
     *
     * @param firstRequest how long a connection may take, from its accept, to start its first request
     */
    public void stopping(Duration firstRequest) {
        firstRequestNanos = Math.max(1, firstRequest.toNanos());
    }

    /** Closes the connections whose head is late, and those a stop left open that are now due. */
    private void closeDue() {
        long now = System.nanoTime();
        for (GuardedConnection connection : open) {
            if (connection.closeDeferred
                    && (connection.requested || now - connection.openedAt > firstRequestNanos)) {
                connection.closeDeferred = false;
                // not interrupting: a request under way ends first
                connection.delegate.close(false);
            }
            long since = connection.headSince;
            if (since != NONE && now - since > headNanos) {
                connection.headSince = NONE;
                refusals.refused(HEAD_TIMEOUT);
                connection.delegate.close(true);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /**
     * How long, from its accept, a connection may take to start its first request once the server is
     * stopping ({@link #stopping(Duration)}); {@link GuardedConnection#NONE} before.
     */
    long firstRequestNanos() {
        return firstRequestNanos;
    }

    /** A connection starts being handled: the watchdog checks it from now on. */
    void opened(GuardedConnection connection) {
        open.add(connection);
    }

    /** A connection has been handled: the watchdog forgets it, and its address counts it no longer. */
    void closed(GuardedConnection connection) {
        open.remove(connection);
        if (connection.counted != null) {
            cap.release(connection.counted);
        }
    }

    /**
     * The guard's limits.
     *
     * @param headTimeout   longest time from a request line to the end of its headers (and body)
     * @param checkPeriod   how often the deadline is checked
     * @param maxPerAddress most open connections of one client address; 0 for no cap
     * @param unlimited     client addresses without a cap (a load balancer's)
     */
    public record Settings(Duration headTimeout, Duration checkPeriod, int maxPerAddress, List<AddressRange> unlimited) {

        /** Checks and copies. */
        public Settings {
            if (headTimeout.isNegative() || headTimeout.isZero()) {
                throw new IllegalArgumentException("the head timeout must be positive: " + headTimeout);
            }
            if (checkPeriod.toMillis() < 1) {
                throw new IllegalArgumentException("the check period must be at least 1 ms: " + checkPeriod);
            }
            if (maxPerAddress < 0) {
                throw new IllegalArgumentException("the per-address cap must be 0 (none) or positive: " + maxPerAddress);
            }
            unlimited = List.copyOf(unlimited);
        }
    }

    /**
     * A block of IP addresses, {@code 10.0.0.0/16}, {@code 192.0.2.7} or {@code 2001:db8::/32}.
     *
     * @param network the first address's bytes
     * @param prefix  how many leading bits must match
     */
    public record AddressRange(byte[] network, int prefix) {

        /**
         * Parses a comma-separated list of ranges.
         *
         * @param text e.g. {@code 10.0.0.0/16, 10.1.0.0/16}; blank for none
         * @return the ranges
         * @throws IllegalArgumentException when an entry is not an IP address or range
         */
        public static List<AddressRange> parseList(String text) {
            List<AddressRange> ranges = new ArrayList<>();
            for (String entry : text.split(",")) {
                if (!entry.isBlank()) {
                    ranges.add(parse(entry.trim()));
                }
            }
            return ranges;
        }

        /**
         * Parses one range.
         *
         * @param text an address, or an address, {@code /} and a prefix length
         * @return the range
         * @throws IllegalArgumentException when it is not one
         */
        public static AddressRange parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (address.isEmpty() || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                throw new IllegalArgumentException("not an IP address or range: " + text);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address or range: " + text, e);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an IP address or range: " + text, e);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("prefix out of range: " + text);
                }
            }
            return new AddressRange(bytes, prefix);
        }

        /**
         * Whether an address lies in the range (an IPv4 address never lies in an IPv6 range).
         *
         * @param address the address
         * @return whether it does
         */
        public boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }
}
