package com.forecap.bootstrap.wiring;

import java.util.stream.LongStream;

import com.forecap.adapter.out.redis.ZstdRecapCodec;
import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.application.testdata.SyntheticRecaps;
import com.forecap.domain.user.UserId;

/**
 * The cache's compression dictionary: trained at start on the recaps of users 1..{@value #SAMPLE_USERS}
 * of the synthetic data set, so every instance with the same seed trains the same dictionary and can
 * read what the others wrote.
 */
public final class CacheCodecs {

    /** Users the dictionary is trained on. */
    public static final int SAMPLE_USERS = 2_000;

    private CacheCodecs() {
    }

    /**
     * The codec for a data set.
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
}
