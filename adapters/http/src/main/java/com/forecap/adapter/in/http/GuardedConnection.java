package com.forecap.adapter.in.http;

import java.net.InetAddress;
import java.time.Duration;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerConnection;

/**
 * The {@link ConnectionGuard}'s view of one connection: Helidon's connection plus the start of its
 * current head, which the guard's watchdog reads.
 */
final class GuardedConnection implements ServerConnection, InterruptableTask<Void> {

    /** No head under way, or no stop under way ({@link ConnectionGuard#firstRequestNanos()}). */
    static final long NONE = Long.MIN_VALUE;
    /** The connection the current thread serves: Helidon runs each HTTP/1 connection on one thread. */
    private static final ThreadLocal<GuardedConnection> CURRENT = new ThreadLocal<>();

    final ServerConnection delegate;
    /** The address the connection counts under in the per-address cap, or {@code null}. */
    final InetAddress counted;
    final long openedAt = System.nanoTime();
    volatile long headSince = NONE;
    /** Whether a request line has been read on this connection. */
    volatile boolean requested;
    /** Whether the server's stop asked to close it before its first request started. */
    volatile boolean closeDeferred;
    private final ConnectionGuard guard;

    GuardedConnection(ConnectionGuard guard, ServerConnection delegate, InetAddress counted) {
        this.guard = guard;
        this.delegate = delegate;
        this.counted = counted;
    }

    /**
     * The connection the current thread serves.
     *
     * @return it, or {@code null} outside a guarded connection
     */
    static GuardedConnection current() {
        return CURRENT.get();
    }

    /** Whether the stop must leave this connection open for now: it has not started its first request. */
    private boolean awaitingFirstRequest() {
        long grace = guard.firstRequestNanos();
        return grace != NONE && !requested && System.nanoTime() - openedAt <= grace;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        CURRENT.set(this);
        guard.opened(this);
        try {
            delegate.handle(limit);
        } finally {
            guard.closed(this);
            CURRENT.remove();
        }
    }

    @Override
    public Duration idleTime() {
        return delegate.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        if (!interrupt && awaitingFirstRequest()) {
            closeDeferred = true;
            return;
        }
        delegate.close(interrupt);
    }

    @Override
    public boolean canInterrupt() {
        return !awaitingFirstRequest() && delegate instanceof InterruptableTask<?> task && task.canInterrupt();
    }

    /** Starts the head deadline when a request line is read, stops it when the headers are complete. */
    static final class HeadListener implements Http1ConnectionListener {
        static final HeadListener INSTANCE = new HeadListener();

        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            GuardedConnection current = CURRENT.get();
            if (current != null) {
                current.requested = true;
                current.headSince = System.nanoTime();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            // a request with a body keeps its deadline until RequestGuardFilter has read the body
            if (!headers.contains(HeaderNames.CONTENT_LENGTH) && !headers.contains(HeaderNames.TRANSFER_ENCODING)) {
                ConnectionGuard.headComplete();
            }
        }
    }
}
