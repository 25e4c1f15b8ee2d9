package com.forecap.adapter.out.redis;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.forecap.application.cache.port.out.CacheDictionaryPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.domain.recap.EncodedRecap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cache's compression dictionary kept in Redis under {@code user:recap:dictionary} (with the key
 * prefix), without expiry, next to the entries it compresses: every instance that uses the cache reads
 * it at start, and when Redis loses its data the dictionary goes with the entries it made readable.
 */
public final class RedisCacheDictionary implements CacheDictionaryPort {

    /** The key, after the prefix. */
    public static final String KEY = "user:recap:dictionary";

    private static final System.Logger LOG = System.getLogger(RedisCacheDictionary.class.getName());

    private final UnifiedJedis redis;
    private final RedisSettings settings;
    private final ZstdRecapCodec current;

    /**
     * Creates the store.
     *
     * @param connections the Redis client
     * @param current     the codec instances use until a new dictionary is stored (for the before/after figures)
     */
    public RedisCacheDictionary(RedisConnections connections, ZstdRecapCodec current) {
        this.redis = connections.client();
        this.settings = connections.settings();
        this.current = Objects.requireNonNull(current, "current");
    }

    /**
     * The stored dictionary, if any.
     *
     * @param connections the Redis client
     * @return the codec of the stored dictionary, or empty when there is none
     * @throws JedisException when Redis cannot be read
     * @throws IllegalArgumentException when the stored value is not a zstd dictionary
     */
    public static Optional<ZstdRecapCodec> load(RedisConnections connections) {
        byte[] stored = connections.client().get(key(connections.settings()));
        return stored == null || stored.length == 0 ? Optional.empty() : Optional.of(new ZstdRecapCodec(stored));
    }

    /**
     * A cache codec and where its dictionary came from, e.g. {@code stored:123456} or {@code built-in:654321}.
     *
     * @param codec       the codec
     * @param description where its dictionary came from, and its id
     */
    public record Choice(ZstdRecapCodec codec, String description) {
    }

    /**
     * The codec every instance using this Redis uses: the dictionary stored by {@code forecap
     * cache-dictionary train} (trained on the real recaps) when there is one; else a built-in one trained
     * on the given samples, which every instance must compute alike, so that all of them read what the
     * others wrote (also when Redis cannot be read at start, with a warning).
     *
     * @param connections     the Redis client
     * @param builtInSamples  the recaps the built-in dictionary is trained on, asked for only when needed
     * @return the codec
     */
    public static Choice choose(RedisConnections connections, Supplier<List<EncodedRecap>> builtInSamples) {
        try {
            Optional<ZstdRecapCodec> stored = load(connections);
            if (stored.isPresent()) {
                return new Choice(stored.get(), "stored:" + stored.get().dictionaryId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the cache dictionary from Redis, using the built-in one: " + e.getMessage());
        }
        ZstdRecapCodec builtIn = ZstdRecapCodec.trainedOn(builtInSamples.get());
        return new Choice(builtIn, "built-in:" + builtIn.dictionaryId());
    }

    private static byte[] key(RedisSettings settings) {
        return (settings.keyPrefix() + KEY).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public TrainedDictionary trainAndStore(List<EncodedRecap> training, List<EncodedRecap> holdout) {
        ZstdRecapCodec trained = ZstdRecapCodec.trainedOn(training);
        double json = holdout.stream().mapToInt(EncodedRecap::length).average().orElse(0);
        double before = holdout.stream().mapToInt(r -> current.encode(r).length).average().orElse(0);
        double after = holdout.stream().mapToInt(r -> trained.encode(r).length).average().orElse(0);
        try {
            redis.set(key(settings), trained.dictionary());
        } catch (JedisException e) {
            throw new StoreException("cannot store the dictionary in Redis at "
                    + String.join(",", settings.nodes()) + ": " + e.getMessage(), e);
        }
        return new TrainedDictionary(trained.dictionaryId(), trained.dictionary().length, current.dictionaryId(), json,
                before, after);
    }
}
