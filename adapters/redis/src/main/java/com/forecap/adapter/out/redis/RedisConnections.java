package com.forecap.adapter.out.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * A pooled jedis client for one server or a cluster, with TLS and ACL/AUTH as configured and every
 * wait bounded, plus a bounded health check.
 */
public final class RedisConnections implements AutoCloseable {

    private final UnifiedJedis client;
    private final RedisSettings settings;

    private RedisConnections(UnifiedJedis client, RedisSettings settings) {
        this.client = client;
        this.settings = settings;
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
                .clientName("forecap");
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
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.poolWait());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
        Set<HostAndPort> nodes = new HashSet<>();
        for (String node : settings.nodes()) {
            nodes.add(HostAndPort.from(node));
        }
        UnifiedJedis client = settings.cluster()
                ? new JedisCluster(nodes, clientConfig, 3, pool)
                : new JedisPooled(pool, nodes.iterator().next(), clientConfig);
        return new RedisConnections(client, settings);
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
        client.close();
    }
}
