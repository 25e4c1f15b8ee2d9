package com.forecap.adapter.out.mysql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/**
 * Reads from a read replica (e.g. the RDS reader endpoint) and, when it cannot answer (down, saturated,
 * or its circuit open after recent failures), from the writer instead. The replica's circuit breaker
 * makes a dead replica cost nothing per request; once a probe succeeds reads go back to it. Healthy
 * while either answers.
 */
public final class ReplicaFallbackUserRecapAdapter implements LoadUserRecapPort, CheckHealthPort {

    private final MySqlUserRecapAdapter replica;
    private final MySqlUserRecapAdapter writer;

    /**
     * Creates the fallback.
     *
     * @param replica reads first
     * @param writer  reads when the replica cannot
     */
    public ReplicaFallbackUserRecapAdapter(MySqlUserRecapAdapter replica, MySqlUserRecapAdapter writer) {
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

    /** {@inheritDoc} Pings the replica, and the writer only when the replica does not answer. */
    @Override
    public ComponentHealth check() {
        String replicaFailure = replica.ping();
        String writerFailure = replicaFailure == null ? null : writer.ping();
        if (replicaFailure != null && writerFailure != null) {
            return ComponentHealth.down("reader: " + replicaFailure + "; writer: " + writerFailure);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", "mysql");
        details.put("server", writer.settings().server());
        details.put("reader", replica.settings().server());
        details.put("reading_from", replicaFailure == null ? "reader" : "writer");
        details.put("database", writer.settings().database());
        details.put("pool", replica.pool());
        details.put("circuit", replica.circuitState());
        return ComponentHealth.up(details);
    }
}
