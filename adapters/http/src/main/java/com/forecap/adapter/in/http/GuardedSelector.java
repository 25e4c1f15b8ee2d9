package com.forecap.adapter.in.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Helidon's HTTP/1 connection selector behind the {@link ConnectionGuard}: a connection over its address's
 * cap is refused before anything is read, every other one is handled as a {@link GuardedConnection}.
 */
final class GuardedSelector implements ServerConnectionSelector {

    private final ServerConnectionSelector delegate;
    private final ConnectionGuard guard;
    private final AddressCap cap;
    private final Consumer<String> refused;

    /**
     * @param delegate Helidon's selector
     * @param guard    the guard the connections pass
     * @param cap      the per-address count
     * @param refused  told the reason of every connection refused here
     */
    GuardedSelector(ServerConnectionSelector delegate, ConnectionGuard guard, AddressCap cap, Consumer<String> refused) {
        this.delegate = delegate;
        this.guard = guard;
        this.cap = cap;
        this.refused = refused;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return delegate.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return delegate.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return delegate.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        InetAddress counted = cap.countedAddress(ctx);
        if (counted != null && !cap.acquire(counted)) {
            refused.accept(ConnectionGuard.ADDRESS_LIMIT);
            return Refused.INSTANCE;
        }
        try {
            return new GuardedConnection(guard, delegate.connection(ctx), counted);
        } catch (RuntimeException e) {
            if (counted != null) {
                cap.release(counted);
            }
            throw e;
        }
    }

    /** A connection over its address's cap: handling it returns at once, and Helidon closes the socket. */
    private static final class Refused implements ServerConnection {
        private static final Refused INSTANCE = new Refused();

        @Override
        public void handle(Limit limit) {
            // nothing read, nothing written: the socket is closed when this returns
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            // nothing to stop
        }
    }
}
