package com.forecap.adapter.out.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach Redis and how to cache in it.
 *
 * @param nodes             {@code host:port} of the server, or of cluster seed nodes in cluster mode
 * @param cluster           Redis Cluster (e.g. ElastiCache with cluster mode enabled) instead of one server
 * @param user              ACL user name, or {@code null} for the default user
 * @param password          password (AUTH), or {@code null}; never logged
 * @param tls               connect over TLS (ElastiCache in-transit encryption)
 * @param database          database number (standalone only)
 * @param connectTimeout    bound on connecting
 * @param operationTimeout  bound on one command's answer
 * @param poolSize          connections per node
 * @param poolWait          longest wait for a pooled connection
 * @param keyPrefix         prepended to every key (empty in production: keys are {@code user:recap:{id}})
 * @param ttl               lifetime of a cached recap
 * @param lockTtl           lifetime of the loading lock ({@code SET NX EX})
 * @param lockWait          longest time a request waits for another instance's load before loading itself
 * @param breakerOpenFor    how long the circuit stays open after Redis failed, before one probe
 * @param tlsCaFile         PEM file of the certificate authorities to trust over TLS instead of the JVM's
 *                          default trust store, or {@code null}
 * @param tlsVerifyHostname over TLS, check that the server's certificate names the host connected to
 */
public record RedisSettings(List<String> nodes, boolean cluster, String user, String password, boolean tls, int database,
                            Duration connectTimeout, Duration operationTimeout, int poolSize, Duration poolWait,
                            String keyPrefix, Duration ttl, Duration lockTtl, Duration lockWait, Duration breakerOpenFor,
                            String tlsCaFile, boolean tlsVerifyHostname) {

    /** Validates. */
    public RedisSettings {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one Redis node is required");
        }
        for (String node : nodes) {
            int colon = node.lastIndexOf(':');
            if (colon <= 0 || colon == node.length() - 1) {
                throw new IllegalArgumentException("Redis node must be host:port, was '" + node + "'");
            }
            int port = Integer.parseInt(node.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("Redis port must be 1..65535, was " + port);
            }
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (poolSize < 1) {
            throw new IllegalArgumentException("Redis pool size must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero() || lockTtl.isNegative() || lockTtl.isZero()) {
            throw new IllegalArgumentException("Redis ttl and lock ttl must be positive");
        }
    }

    /**
     * Settings with the JVM's trust store and host name verification over TLS.
     *
     * @param nodes            see the record
     * @param cluster          see the record
     * @param user             see the record
     * @param password         see the record
     * @param tls              see the record
     * @param database         see the record
     * @param connectTimeout   see the record
     * @param operationTimeout see the record
     * @param poolSize         see the record
     * @param poolWait         see the record
     * @param keyPrefix        see the record
     * @param ttl              see the record
     * @param lockTtl          see the record
     * @param lockWait         see the record
     * @param breakerOpenFor   see the record
     */
    public RedisSettings(List<String> nodes, boolean cluster, String user, String password, boolean tls, int database,
                         Duration connectTimeout, Duration operationTimeout, int poolSize, Duration poolWait,
                         String keyPrefix, Duration ttl, Duration lockTtl, Duration lockWait, Duration breakerOpenFor) {
        this(nodes, cluster, user, password, tls, database, connectTimeout, operationTimeout, poolSize, poolWait, keyPrefix,
                ttl, lockTtl, lockWait, breakerOpenFor, null, true);
    }

    @Override
    public String toString() {
        return "RedisSettings[nodes=" + nodes + ", cluster=" + cluster + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "(none)" : "(set)") + ", tls=" + tls + (tlsCaFile == null ? "" : ", tlsCaFile=" + tlsCaFile)
                + (tls && !tlsVerifyHostname ? ", tlsVerifyHostname=false" : "") + ", database=" + database
                + ", ttl=" + ttl + ", keyPrefix='" + keyPrefix + "']";
    }
}
