package com.forecap.bootstrap.scale;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.adapter.out.redis.ZstdRecapCodec;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/** Recaps, a store that counts its reads, and Redis settings for the in-process cache tests. */
final class RecapFixtures {

    static final JacksonRecapJson JSON = new JacksonRecapJson();
    static final SyntheticRecaps SYNTHETIC = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    static final ZstdRecapCodec CODEC = ZstdRecapCodec.trainedOn(LongStream.rangeClosed(1, 2_000)
            .mapToObj(id -> JSON.encode(SYNTHETIC.recapOf(UserId.of(id)))).toList());

    private RecapFixtures() {
    }

    static EncodedRecap recap(long id) {
        return JSON.encode(SYNTHETIC.recapOf(UserId.of(id)));
    }

    /**
     * Redis settings as the service's defaults, with short breaker and lock bounds and a patient operation timeout.
     *
     * @param nodes     nodes
     * @param cluster   cluster mode
     * @param user      ACL user or null
     * @param password  password or null
     * @param tls       TLS
     * @param caFile    PEM CA file or null
     * @return settings
     */
    static RedisSettings redis(List<String> nodes, boolean cluster, String user, String password, boolean tls, String caFile) {
        // operation timeout 1 s rather than the service's 250 ms: these tests check what is answered, on a
        // 2-core machine shared with other builds; a slower answer would only be served from the store
        return new RedisSettings(nodes, cluster, user, password, tls, 0, Duration.ofMillis(500), Duration.ofSeconds(1), 64,
                Duration.ofMillis(100), "", Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMillis(500),
                Duration.ofMillis(500), caFile, true);
    }

    /** A store of synthetic recaps (users 1..1,000,000) that counts reads per user and takes a little time. */
    static final class CountingStore implements LoadUserRecapPort {
        final LongAdder reads = new LongAdder();
        final Map<Long, AtomicInteger> perUser = new ConcurrentHashMap<>();

        @Override
        public Optional<EncodedRecap> loadUserRecap(UserId userId) {
            reads.increment();
            perUser.computeIfAbsent(userId.value(), id -> new AtomicInteger()).incrementAndGet();
            Engines.pause(20);
            return userId.value() <= 1_000_000 ? Optional.of(recap(userId.value())) : Optional.empty();
        }

        int readsOf(long id) {
            AtomicInteger count = perUser.get(id);
            return count == null ? 0 : count.get();
        }
    }
}
