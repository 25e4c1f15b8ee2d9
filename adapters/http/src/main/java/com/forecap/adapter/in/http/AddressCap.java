package com.forecap.adapter.in.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.webserver.ConnectionContext;

/**
 * The {@link ConnectionGuard}'s count of the open connections of each client address, against the cap of
 * {@link ConnectionGuard.Settings#maxPerAddress()}; the addresses of {@link ConnectionGuard.Settings#unlimited()}
 * are not counted.
 */
final class AddressCap {

    private final int max;
    private final List<ConnectionGuard.AddressRange> unlimited;
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    AddressCap(ConnectionGuard.Settings settings) {
        this.max = settings.maxPerAddress();
        this.unlimited = settings.unlimited();
    }

    /**
     * The address a new connection counts under: its client's, or {@code null} when it is not counted
     * (no cap, no IP address, or an address without a cap).
     */
    InetAddress countedAddress(ConnectionContext ctx) {
        if (max > 0 && ctx.remotePeer().address() instanceof InetSocketAddress socket
                && socket.getAddress() != null && !unlimited(socket.getAddress())) {
            return socket.getAddress();
        }
        return null;
    }

    /** Counts one more connection of the address; counts nothing and answers false when that passes the cap. */
    boolean acquire(InetAddress address) {
        if (perAddress.merge(address, 1, Integer::sum) > max) {
            release(address);
            return false;
        }
        return true;
    }

    /** Counts one connection of the address less. */
    void release(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    private boolean unlimited(InetAddress address) {
        for (ConnectionGuard.AddressRange range : unlimited) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
