package com.forecap.adapter.out.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.apache.commons.pool2.impl.GenericObjectPool;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A pooled jedis client for one server or a cluster, with TLS and ACL/AUTH as configured and every
 * wait bounded, plus a bounded health check.
 */
public final class RedisConnections implements AutoCloseable {

    /** Tries of one command in a cluster (following MOVED/ASK, or after a node failed). */
    private static final int CLUSTER_ATTEMPTS = 3;
    /**
     * How often the cluster client re-reads the slot map, besides after MOVED answers and failures: a
     * failover or a resharding is seen within this even by the batched GETs, which bypass the retries.
     */
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(5);

    /**
     * Connections opened per node at start ({@link #fill()}), the pool's size when smaller: the batched
     * GETs' and the finishing writes' senders plus a few waiting lookups, what a request burst needs at
     * once without connecting under load.
     */
    static final int WORKING_SIZE = 12;

    /** Where users' entries live: {@code user:recap:{id}} (the contract's key). */
    static final String USER_KEYS = "user:recap:";
    /**
     * Where the start-up warm-up's entries live: inside the users' key space, so that an ACL limited to
     * {@code ~user:recap:*} allows them, and never a user's key (ids are digits).
     */
    static final String WARM_UP_KEYS = "user:recap:warm-up:";

    private final UnifiedJedis client;
    private final RedisSettings settings;
    private final boolean owner;
    private final String keySpace;

    private RedisConnections(UnifiedJedis client, RedisSettings settings, boolean owner, String keySpace) {
        this.client = client;
        this.settings = settings;
        this.owner = owner;
        this.keySpace = keySpace;
    }

    /**
     * Creates the client; it connects lazily, so a Redis that is down does not stop the service.
     *
     * @param settings where and how
     * @return the connections
     */
    public static RedisConnections create(RedisSettings settings) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.operationTimeout().toMillis())
                .blockingSocketTimeoutMillis((int) Math.max(settings.operationTimeout().toMillis(),
                        settings.lockWait().toMillis() + settings.operationTimeout().toMillis()))
                .ssl(settings.tls())
                // no CLIENT SETINFO on connect: Redis before 7.2 (Debian 12, ElastiCache 7.0/7.1) answers it
                // with an error, one wasted round trip per new connection, and it only names the library
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .clientName("forecap");
        if (settings.tls()) {
            if (settings.tlsCaFile() != null && !settings.tlsCaFile().isBlank()) {
                config.sslSocketFactory(trusting(Path.of(settings.tlsCaFile())).getSocketFactory());
            }
            if (settings.tlsVerifyHostname()) {
                SSLParameters parameters = new SSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                config.sslParameters(parameters);
            }
        }
        if (settings.user() != null && !settings.user().isBlank()) {
            config.user(settings.user());
        }
        if (settings.password() != null && !settings.password().isEmpty()) {
            config.password(settings.password());
        }
        if (!settings.cluster()) {
            config.database(settings.database());
        }
        JedisClientConfig clientConfig = config.build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(Math.min(settings.poolSize(), WORKING_SIZE));
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.poolWait());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        Set<HostAndPort> nodes = new HashSet<>();
        for (String node : settings.nodes()) {
            nodes.add(HostAndPort.from(node));
        }
        UnifiedJedis client = settings.cluster()
                ? new ClusterClient(new ClusterConnectionProvider(nodes, clientConfig, pool, TOPOLOGY_REFRESH),
                        Duration.ofMillis(settings.operationTimeout().toMillis() * CLUSTER_ATTEMPTS))
                : new JedisPooled(pool, nodes.iterator().next(), clientConfig);
        return new RedisConnections(client, settings, true, USER_KEYS);
    }

    /**
     * Opens the pool's working size of connections on every node now (each connect, {@code HELLO}/{@code
     * AUTH}, {@code SELECT} and {@code CLIENT SETNAME} paid before traffic instead of by the first
     * requests), bounded by the connect timeout of each.
     *
     * @return connections open and idle afterwards, over all nodes
     * @throws JedisConnectionException when a node cannot be reached
     */
    public int fill() {
        int want = Math.min(settings.poolSize(), WORKING_SIZE);
        if (client instanceof JedisPooled pooled) {
            return fill(pooled.getPool(), want);
        }
        if (client instanceof ClusterClient cluster) {
            int open = 0;
            for (ConnectionPool node : cluster.provider().getNodes().values()) {
                open += fill(node, want);
            }
            return open;
        }
        return 0;
    }

    private static int fill(GenericObjectPool<?> pool, int want) {
        int missing = want - pool.getNumIdle() - pool.getNumActive();
        if (missing > 0) {
            try {
                pool.addObjects(missing);
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new JedisConnectionException(e);
            }
        }
        return pool.getNumIdle() + pool.getNumActive();
    }

    /**
     * The same client writing and reading the start-up warm-up's entries ({@code
     * user:recap:warm-up:{id}}, with their companions) with the given expiry, never a user's. Closing the
     * view leaves the client open.
     *
     * @param ttl entries' time to live
     * @return the view
     */
    public RedisConnections warmUpView(Duration ttl) {
        RedisSettings s = settings;
        return new RedisConnections(client, new RedisSettings(s.nodes(), s.cluster(), s.user(), s.password(), s.tls(),
                s.database(), s.connectTimeout(), s.operationTimeout(), s.poolSize(), s.poolWait(), s.keyPrefix(), ttl,
                s.lockTtl(), s.lockWait(), s.breakerOpenFor(), s.tlsCaFile(), s.tlsVerifyHostname()), false, WARM_UP_KEYS);
    }

    /**
     * The key of a user's entry, or of its {@code :lock}, {@code :ready} or {@code :waiting} companions.
     *
     * @param userId the user
     * @param suffix empty, or the companion's suffix
     * @return the key
     */
    byte[] key(long userId, String suffix) {
        return (settings.keyPrefix() + keySpace + userId + suffix).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A TLS context trusting the certificate authorities of a PEM file (one or more certificates), and
     * only those.
     *
     * @param pemFile the file
     * @return the context
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("cannot read the Redis TLS certificate authorities from " + pemFile
                        + ": no PEM certificate in it");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the Redis TLS certificate authorities from " + pemFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The client.
     *
     * @return the client
     */
    public UnifiedJedis client() {
        return client;
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public RedisSettings settings() {
        return settings;
    }

    /**
     * Checks Redis answers {@code PING}, within the connect and operation timeouts.
     *
     * @return {@code null} when it answered, else a one-line reason (no secrets)
     */
    public String ping() {
        try {
            String answer = client.ping();
            return "PONG".equalsIgnoreCase(answer) ? null : "unexpected answer to PING";
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "Redis at " + String.join(",", settings.nodes()) + ": " + (root.getMessage() == null
                    ? root.getClass().getSimpleName() : root.getMessage());
        }
    }

    @Override
    public void close() {
        if (owner) {
            client.close();
        }
    }

    /** The cluster client, with its slot map and per-node pools open to {@link RedisGetBatcher}. */
    static final class ClusterClient extends JedisCluster {

        private final ClusterConnectionProvider provider;

        ClusterClient(ClusterConnectionProvider provider, Duration maxTotalRetries) {
            super(provider, CLUSTER_ATTEMPTS, maxTotalRetries);
            this.provider = provider;
        }

        ClusterConnectionProvider provider() {
            return provider;
        }
    }
}
