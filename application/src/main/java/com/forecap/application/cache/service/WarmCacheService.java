package com.forecap.application.cache.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.forecap.application.cache.port.in.WarmCacheUseCase;
import com.forecap.application.cache.port.out.CacheRecapsPort;
import com.forecap.application.cache.port.out.ReadRecapsPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/** Reads recaps batch by batch, encodes each once and writes each batch to the cache in one go. */
public final class WarmCacheService implements WarmCacheUseCase {

    private final ReadRecapsPort store;
    private final CacheRecapsPort cache;
    private final RecapJsonPort json;
    private final ReportProgressPort progress;

    /**
     * Creates the service.
     *
     * @param store    where recaps are read
     * @param cache    where they go
     * @param json     the encoder
     * @param progress where progress is shown
     */
    public WarmCacheService(ReadRecapsPort store, CacheRecapsPort cache, RecapJsonPort json, ReportProgressPort progress) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.json = Objects.requireNonNull(json, "json");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public WarmReport warm(WarmCacheCommand command) {
        long began = System.nanoTime();
        AtomicLong cached = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Optional<CacheRecapsPort.Fill> before = cache.fill();
        AtomicLong bytesPerEntry = new AtomicLong();
        Consumer<List<ReadRecapsPort.StoredRecap>> write = batch -> {
            Map<UserId, EncodedRecap> encoded = new LinkedHashMap<>(batch.size() * 2);
            for (ReadRecapsPort.StoredRecap stored : batch) {
                EncodedRecap recap = json.encode(stored.recap());
                encoded.put(stored.userId(), recap);
                bytes.addAndGet(recap.length());
            }
            cache.putAll(encoded);
            if (cached.get() == 0 && before.isPresent()) {
                // what one more entry costs the cache, from the first batch (before anything is evicted)
                cache.fill().ifPresent(first -> bytesPerEntry.set(
                        Math.max(0, first.usedBytes() - before.get().usedBytes()) / Math.max(1, encoded.size())));
            }
            cached.addAndGet(batch.size());
            progress.advanced(batch.size());
        };
        try {
            if (command.range() != null) {
                progress.started("warming users " + command.range(), command.range().size(), 0);
                store.readRange(command.range(), command.batchSize(), write);
            } else {
                progress.started("warming the top " + command.topByTrx() + " users by trx_count", command.topByTrx(), 0);
                store.readTopByTrxCount(command.topByTrx(), command.batchSize(), write);
            }
        } finally {
            progress.finished();
        }
        WarmCacheUseCase.Room room = before.flatMap(start -> cache.fill().map(end -> new WarmCacheUseCase.Room(
                Math.max(0, end.evicted() - start.evicted()), bytesPerEntry.get(), end.maxBytes())))
                .orElse(WarmCacheUseCase.Room.UNKNOWN);
        return new WarmReport(cached.get(), bytes.get(), Duration.ofNanos(System.nanoTime() - began), room);
    }
}
