package com.forecap.adapter.out.redis;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.forecap.application.cache.port.out.CacheRecapsPort;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Writes recaps into the cache the way {@link RedisCachingUserRecapAdapter} reads them: the same keys,
 * the same codec, a TTL with ±10 % jitter so that entries warmed together do not expire together.
 */
public final class RedisRecapWriter implements CacheRecapsPort {

    private final RedisConnections connections;
    private final UnifiedJedis redis;
    private final RedisSettings settings;
    private final ZstdRecapCodec codec;
    private final RecordCacheMetricsPort metrics;

    /**
     * Creates the writer.
     *
     * @param connections the Redis client
     * @param codec       the cached form
     * @param metrics     receives operation times
     */
    public RedisRecapWriter(RedisConnections connections, ZstdRecapCodec codec, RecordCacheMetricsPort metrics) {
        this.connections = connections;
        this.redis = connections.client();
        this.settings = connections.settings();
        this.codec = Objects.requireNonNull(codec, "codec");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Writes recaps in one pipelined round trip per node.
     *
     * @param recaps recaps by user
     */
    @Override
    public void putAll(Map<UserId, EncodedRecap> recaps) {
        long start = System.nanoTime();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            recaps.forEach((id, recap) -> pipeline.set(key(id, ""), codec.encode(recap),
                    SetParams.setParams().px(ttlMillis())));
            pipeline.sync();
        } catch (JedisException e) {
            throw new StoreException("cannot write to Redis at "
                    + String.join(",", settings.nodes()) + ": " + e.getMessage(), e);
        } finally {
            metrics.operation("set_batch", RedisCachingUserRecapAdapter.CACHE_TYPE, System.nanoTime() - start);
        }
    }

    /**
     * Redis's {@code used_memory}, {@code maxmemory} and {@code evicted_keys} ({@code INFO}); empty in cluster mode
     * (each node has its own), as an ACL user ({@code REDIS_USERNAME}: the least-privilege rule README gives does
     * not grant {@code INFO}, and a refused command would land in the server's {@code ACL LOG} as if someone had
     * probed it), and where the server refuses {@code INFO} all the same.
     *
     * @return the fill, or empty
     */
    @Override
    public Optional<Fill> fill() {
        if (settings.cluster() || (settings.user() != null && !settings.user().isBlank())) {
            return Optional.empty();
        }
        try {
            String memory = redis.info("memory");
            String stats = redis.info("stats");
            return Optional.of(new Fill(infoField(memory, "used_memory"), infoField(memory, "maxmemory"), infoField(stats, "evicted_keys")));
        } catch (JedisException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A number from an {@code INFO} reply ({@code name:value} lines). */
    static long infoField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new NumberFormatException("no " + name + " in INFO");
    }

    /** The configured TTL with ±10 % jitter, in milliseconds. */
    long ttlMillis() {
        long ttl = settings.ttl().toMillis();
        long jitter = ttl / 10;
        return jitter == 0 ? ttl : ttl - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
    }

    /** The key of a user's entry, or of its {@code :lock} / {@code :ready} companions. */
    byte[] key(UserId userId, String suffix) {
        return connections.key(userId.value(), suffix);
    }
}
