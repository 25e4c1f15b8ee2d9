package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import com.forecap.application.port.out.CacheRecapsPort;
import com.forecap.application.port.out.RecordCacheMetricsPort;
import com.forecap.application.port.out.StoreException;
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
