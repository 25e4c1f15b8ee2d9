package com.forecap.adapter.out.redis;


import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.shared.port.out.StoreException;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Deletes cached recaps ({@code user:recap:{id}} with the configured prefix) with one {@code DEL} a key
 * in a pipeline: on a cluster, jedis's cluster pipeline sends each key to the node owning its slot, so
 * no command spans slots; on one server it is one round trip per batch.
 */
public final class RedisRecapEvictor implements EvictCachedRecapsPort {

    private static final int BATCH = 10_000;

    private final RedisConnections connections;
    private final UnifiedJedis redis;
    private final RedisSettings settings;

    /**
     * Creates the evictor.
     *
     * @param connections the Redis client
     */
    public RedisRecapEvictor(RedisConnections connections) {
        this.connections = connections;
        this.redis = connections.client();
        this.settings = connections.settings();
    }

    @Override
    public long evict(long[] userIds, int count) {
        long deleted = 0;
        try {
            for (int from = 0; from < count; from += BATCH) {
                int to = Math.min(count, from + BATCH);
                Response<?>[] answers = new Response<?>[to - from];
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (int i = from; i < to; i++) {
                        answers[i - from] = pipeline.del(connections.key(userIds[i], ""));
                    }
                    pipeline.sync();
                }
                for (Response<?> answer : answers) {
                    deleted += ((Number) answer.get()).longValue();
                }
            }
            return deleted;
        } catch (JedisException e) {
            throw new StoreException("cannot delete cache entries in Redis at "
                    + String.join(",", settings.nodes()) + ": " + e.getMessage(), e);
        }
    }
}
