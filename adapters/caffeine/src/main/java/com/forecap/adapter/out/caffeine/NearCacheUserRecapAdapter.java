package com.forecap.adapter.out.caffeine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;

import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A near cache in the JVM in front of another recap store: recaps (and "no such user") are kept for
 * a short time, bounded by their size in bytes, so hot users cost no network round trip.
 *
 * <p>It is also the single-flight point of the instance: the first request for a user that is not
 * cached registers a pending result and loads; concurrent requests for the same user wait for that
 * result instead of loading again. A failed load is not cached.
 *
 * <p>A loaded recap is kept only for a user asked for before (a doorkeeper: a direct-mapped table of
 * recently seen ids, one {@code long} per slot, an id's slot overwritten by any later id that maps to
 * it). Under the realistic mix most users are asked for once; keeping each of them made the cache turn
 * over its whole size every few seconds, and every young collection copied the entries inserted since
 * the last one: 60 MB live after each young GC, pauses of 90-170 ms under load, against 12 MB and 5 ms
 * with admission by a second request (perf-tests/results/2026-11-29-near-cache-admission.md).
 * Caffeine's own admission (TinyLFU) decides only after the entry has been inserted, so it does not
 * prevent that churn. A user asked for twice is loaded twice, then served from here.
 */
public final class NearCacheUserRecapAdapter implements LoadUserRecapPort {

    /** The {@code cache_type} label of this layer. */
    public static final String CACHE_TYPE = "local";
    /**
     * Bytes counted per entry on top of the recap's JSON (Caffeine's node, the key, the future, the
     * wrappers and the array's header): 218.5 measured with 200,000 entries on a 64-bit JVM with
     * compressed pointers (perf-tests/results/2026-11-29-near-cache-footprint.md), rounded up.
     */
    static final int ENTRY_OVERHEAD = 224;
    /** Doorkeeper slots per byte of the cache's bound: 64 MB gives 65,536 slots (512 KB). */
    private static final long BYTES_PER_SLOT = 1024;

    private final LoadUserRecapPort store;
    private final RecordCacheMetricsPort metrics;
    private final ConcurrentMap<Long, CompletableFuture<Loaded>> entries;
    private final AsyncCache<Long, Loaded> cache;
    private final AtomicLongArray seen;
    private final int slotMask;

    /**
     * What a load ended in. A failure is handed to the waiting requests as a value, not as an
     * exceptionally completed future: Caffeine logs every exceptional completion, which under overload
     * would be a log line per refused request.
     */
    private record Loaded(Optional<EncodedRecap> recap, RuntimeException failure) {

        Optional<EncodedRecap> get() {
            if (failure != null) {
                throw failure;
            }
            return recap;
        }
    }

    /**
     * Creates the near cache.
     *
     * @param store    the store behind it
     * @param maxBytes most bytes of recaps kept
     * @param ttl      how long an entry is served before it is loaded again
     * @param metrics  receives hits, misses and load times
     */
    public NearCacheUserRecapAdapter(LoadUserRecapPort store, long maxBytes, Duration ttl, RecordCacheMetricsPort metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("near cache size must be at least 1 byte");
        }
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Long id, Loaded loaded) -> ENTRY_OVERHEAD + (loaded.recap() == null ? 0
                        : loaded.recap().map(EncodedRecap::length).orElse(0)))
                .expireAfterWrite(ttl)
                .executor(Runnable::run)
                .buildAsync();
        this.entries = cache.asMap();
        int slots = Integer.highestOneBit(Math.clamp(maxBytes / BYTES_PER_SLOT, 64, 1 << 22));
        this.seen = new AtomicLongArray(slots);
        this.slotMask = slots - 1;
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        Long key = userId.value();
        CompletableFuture<Loaded> existing = entries.get(key);
        if (existing == null) {
            CompletableFuture<Loaded> mine = new CompletableFuture<>();
            existing = entries.putIfAbsent(key, mine);
            if (existing == null) {
                metrics.miss(CACHE_TYPE);
                return load(userId, mine);
            }
        }
        metrics.hit(CACHE_TYPE);
        return existing.join().get();
    }

    private Optional<EncodedRecap> load(UserId userId, CompletableFuture<Loaded> pending) {
        long start = System.nanoTime();
        try {
            Optional<EncodedRecap> recap = store.loadUserRecap(userId);
            pending.complete(new Loaded(recap, null));
            if (!seenBefore(userId.value())) {
                // the waiting requests hold the future; the entry itself is not kept
                entries.remove(userId.value(), pending);
            }
            return recap;
        } catch (RuntimeException e) {
            entries.remove(userId.value(), pending);
            pending.complete(new Loaded(null, e));
            throw e;
        } finally {
            metrics.operation("load", CACHE_TYPE, System.nanoTime() - start);
        }
    }

    /** Whether the id was marked since its slot last changed hands; marks it either way. */
    private boolean seenBefore(long id) {
        int slot = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & slotMask;
        long mark = id + 1;
        if (seen.getOpaque(slot) == mark) {
            return true;
        }
        seen.setOpaque(slot, mark);
        return false;
    }

    /**
     * Entries held now (pending loads included), for tests and health.
     *
     * @return the count
     */
    public long size() {
        return cache.synchronous().estimatedSize();
    }
}
