package com.forecap.application.cache.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.forecap.application.cache.port.in.WarmCacheUseCase.Room;
import com.forecap.application.cache.port.in.WarmCacheUseCase.WarmCacheCommand;
import com.forecap.application.cache.port.in.WarmCacheUseCase.WarmReport;
import com.forecap.application.cache.port.out.CacheRecapsPort;
import com.forecap.application.cache.port.out.ReadRecapsPort;
import com.forecap.application.fakes.TextRecapJson;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up writes every user it reads and says when the cache could not keep them. */
class WarmCacheServiceTest {

    /** Entry cost in the fake cache beyond the recap's bytes, as a key and bookkeeping would cost. */
    private static final int OVERHEAD = 60;

    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    /** Emits the synthetic recaps of a range in batches, as the MySQL reader does. */
    private final ReadRecapsPort store = new ReadRecapsPort() {
        @Override
        public void readRange(IdRange range, int batchSize, Consumer<List<StoredRecap>> batches) {
            List<StoredRecap> batch = new ArrayList<>();
            for (long id = range.first(); id <= range.last(); id++) {
                batch.add(new StoredRecap(UserId.of(id), synthetic.recapOf(UserId.of(id))));
                if (batch.size() == batchSize) {
                    batches.accept(batch);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
        }

        @Override
        public void readTopByTrxCount(long count, int batchSize, Consumer<List<StoredRecap>> batches) {
            readRange(new IdRange(1, count), batchSize, batches);
        }
    };

    /** A cache with a memory limit that evicts its least recently written entries, and says how full it is. */
    private static final class FullingCache implements CacheRecapsPort {
        private final long maxBytes;
        private final LinkedHashMap<UserId, Integer> entries = new LinkedHashMap<>();
        private long used = 1_000;   // what an empty cache already takes
        private long evicted;

        FullingCache(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void putAll(Map<UserId, EncodedRecap> recaps) {
            recaps.forEach((id, recap) -> {
                Integer old = entries.remove(id);
                used -= old == null ? 0 : old;
                int cost = recap.length() + OVERHEAD;
                entries.put(id, cost);
                used += cost;
                while (maxBytes > 0 && used > maxBytes) {
                    UserId oldest = entries.keySet().iterator().next();
                    used -= entries.remove(oldest);
                    evicted++;
                }
            });
        }

        @Override
        public Optional<Fill> fill() {
            return Optional.of(new Fill(used, maxBytes, evicted));
        }
    }

    private WarmReport warm(CacheRecapsPort cache, long users, int batch) {
        return new WarmCacheService(store, cache, new TextRecapJson(), ReportProgressPort.NONE)
                .warm(new WarmCacheCommand(new IdRange(1, users), null, batch));
    }

    @Test
    void a_cache_that_fills_up_reports_its_evictions_its_entry_size_and_how_many_users_it_holds() {
        long perEntry = new TextRecapJson().encode(synthetic.recapOf(UserId.of(1))).length() + OVERHEAD;
        FullingCache cache = new FullingCache(1_000 + 300 * perEntry);

        WarmReport report = warm(cache, 1_000, 100);

        assertThat(report.cached()).isEqualTo(1_000);
        Room room = report.room();
        assertThat(room.evicted()).isEqualTo(cache.evicted).isBetween(650L, 750L);
        assertThat(room.maxBytes()).isEqualTo(cache.maxBytes);
        // measured on the first batch: the synthetic recaps differ a little in size
        assertThat((double) room.bytesPerEntry()).isCloseTo(perEntry, org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(room.holds()).isBetween(250L, 350L);
        // the first written were the first evicted
        assertThat(cache.entries).doesNotContainKey(UserId.of(1)).containsKey(UserId.of(1_000));
    }

    @Test
    void a_cache_with_room_evicts_nothing_and_one_that_cannot_tell_reports_nothing() {
        assertThat(warm(new FullingCache(0), 500, 100).room().evicted()).isZero();
        CacheRecapsPort silent = recaps -> { };
        assertThat(warm(silent, 500, 100).room()).isEqualTo(Room.UNKNOWN);
        assertThat(Room.UNKNOWN.holds()).isZero();
    }
}
