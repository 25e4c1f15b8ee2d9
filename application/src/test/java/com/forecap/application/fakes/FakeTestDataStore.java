package com.forecap.application.fakes;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.out.InspectTestDataPort;
import com.forecap.application.testdata.port.out.StoreTestDataPort;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;

/** An in-memory test-data store with atomic chunk writes and an optional failure after N writes. */
public final class FakeTestDataStore implements StoreTestDataPort, InspectTestDataPort {

    private final NavigableMap<Long, UserRecap> rows = new ConcurrentSkipListMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile int failOnWrite = -1;

    /**
     * Makes the n-th write from now fail (1 = the next one).
     *
     * @param n which write
     * @return this store
     */
    public FakeTestDataStore failOnWrite(int n) {
        failOnWrite = writes.get() + n;
        return this;
    }

    /**
     * The stored rows.
     *
     * @return id to recap
     */
    public NavigableMap<Long, UserRecap> rows() {
        return rows;
    }

    @Override
    public Map<Long, Long> countPerChunk(IdRange range, long chunkSize) {
        Map<Long, Long> counts = new HashMap<>();
        rows.subMap(range.first(), true, range.last(), true).keySet()
                .forEach(id -> counts.merge(IdRange.chunkOf(id, chunkSize), 1L, Long::sum));
        return counts;
    }

    @Override
    public void write(IdRange range, Iterator<UserRecap> recaps) {
        int attempt = writes.incrementAndGet();
        Map<Long, UserRecap> batch = new LinkedHashMap<>();
        long id = range.first();
        while (recaps.hasNext()) {
            batch.put(id++, recaps.next());
        }
        if (attempt == failOnWrite) {
            throw new StoreException("simulated failure on write " + attempt, null);
        }
        if (id != range.last() + 1) {
            throw new IllegalStateException("expected " + range.size() + " recaps for " + range);
        }
        batch.forEach(rows::putIfAbsent);
    }

    @Override
    public void truncate() {
        rows.clear();
    }

    @Override
    public Totals totals() {
        return new Totals(rows.size(), rows.isEmpty() ? 0 : rows.lastKey());
    }

    @Override
    public Map<TrxRange, Long> countPerTrxRange() {
        Map<TrxRange, Long> counts = new HashMap<>();
        rows.values().forEach(r -> counts.merge(TrxRange.of(r.trxCount()), 1L, Long::sum));
        return counts;
    }

    @Override
    public Map<Long, UserRecap> find(List<Long> userIds) {
        Map<Long, UserRecap> found = new HashMap<>();
        userIds.forEach(id -> {
            UserRecap recap = rows.get(id);
            if (recap != null) {
                found.put(id, recap);
            }
        });
        return found;
    }
}
