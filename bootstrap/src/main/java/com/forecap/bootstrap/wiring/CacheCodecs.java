package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.stream.LongStream;

import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.ZstdRecapCodec;
import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.application.synthetic.SyntheticRecaps;
import com.forecap.domain.user.UserId;

/**
 * The cache's compression dictionary. The one stored in Redis by {@code forecap cache-dictionary train}
 * (trained on the real, imported recaps) when there is one; else the built-in one, trained at start on
 * the recaps of users 1..{@value #SAMPLE_USERS} of the synthetic data set, so every instance with the
 * same seed trains the same dictionary and can read what the others wrote.
 */
public final class CacheCodecs {

    /** Users the built-in dictionary is trained on. */
    public static final int SAMPLE_USERS = 2_000;
    private static final System.Logger LOG = System.getLogger(CacheCodecs.class.getName());

    private CacheCodecs() {
    }

    /**
     * A codec and where its dictionary came from.
     *
     * @param codec       the codec
     * @param description e.g. {@code stored:123456} or {@code built-in:654321}
     */
    public record Chosen(ZstdRecapCodec codec, String description) {
    }

    /**
     * The built-in codec for a data set.
     *
     * @param json the recap encoder
     * @param seed the data set's seed
     * @return the codec
     */
    public static ZstdRecapCodec trained(RecapJsonPort json, long seed) {
        SyntheticRecaps synthetic = new SyntheticRecaps(seed);
        return ZstdRecapCodec.trainedOn(LongStream.rangeClosed(1, SAMPLE_USERS)
                .mapToObj(id -> json.encode(synthetic.recapOf(UserId.of(id)))).toList());
    }

    /**
     * The codec every instance using this Redis uses: the stored dictionary, else the built-in one (also
     * when Redis cannot be read at start, with a warning).
     *
     * @param redis the Redis client
     * @param json  the recap encoder
     * @param seed  the data set's seed
     * @return the codec
     */
    public static Chosen forRedis(RedisConnections redis, RecapJsonPort json, long seed) {
        try {
            Optional<ZstdRecapCodec> stored = RedisCacheDictionary.load(redis);
            if (stored.isPresent()) {
                return new Chosen(stored.get(), "stored:" + stored.get().dictionaryId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the cache dictionary from Redis, using the built-in one: "
                    + e.getMessage());
        }
        ZstdRecapCodec builtIn = trained(json, seed);
        return new Chosen(builtIn, "built-in:" + builtIn.dictionaryId());
    }
}
