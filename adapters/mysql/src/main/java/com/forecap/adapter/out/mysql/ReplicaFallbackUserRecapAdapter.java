package com.forecap.adapter.out.mysql;

import java.util.Objects;
import java.util.Optional;

import com.forecap.application.port.out.RecapStoreUnavailableException;
import com.forecap.application.port.out.LoadUserRecapPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/**
 * Reads from a read replica (e.g. the RDS reader endpoint) and, when it cannot answer (down, saturated,
 * or its circuit open after recent failures), from the writer instead. The replica's circuit breaker
 * makes a dead replica cost nothing per request; once a probe succeeds reads go back to it.
 */
public final class ReplicaFallbackUserRecapAdapter implements LoadUserRecapPort {

    private final LoadUserRecapPort replica;
    private final LoadUserRecapPort writer;

    /**
     * Creates the fallback.
     *
     * @param replica reads first
     * @param writer  reads when the replica cannot
     */
    public ReplicaFallbackUserRecapAdapter(LoadUserRecapPort replica, LoadUserRecapPort writer) {
        this.replica = Objects.requireNonNull(replica, "replica");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        try {
            return replica.loadUserRecap(userId);
        } catch (RecapStoreUnavailableException e) {
            return writer.loadUserRecap(userId);
        }
    }
}
