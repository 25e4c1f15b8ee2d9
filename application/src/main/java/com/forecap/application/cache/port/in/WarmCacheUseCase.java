package com.forecap.application.cache.port.in;

import java.time.Duration;

import com.forecap.application.shared.IdRange;

/** Pre-warm the shared cache with recaps likely to be asked for (the guide's "load popular users"). */
public interface WarmCacheUseCase {

    /**
     * Reads the chosen users from the store and puts their encoded recaps into the cache.
     *
     * @param command which users
     * @return what was done
     */
    WarmReport warm(WarmCacheCommand command);

    /**
     * Which users: an id range, or the top N by transaction count.
     *
     * @param range     ids to warm, or {@code null}
     * @param topByTrx  how many of the most active users to warm, or {@code null}
     * @param batchSize users per read and per pipelined write
     */
    record WarmCacheCommand(IdRange range, Long topByTrx, int batchSize) {
        /** Validates: exactly one of range and top. */
        public WarmCacheCommand {
            if ((range == null) == (topByTrx == null)) {
                throw new IllegalArgumentException("give either an id range or a top-by-trx count");
            }
            if (topByTrx != null && topByTrx < 1) {
                throw new IllegalArgumentException("top-by-trx count must be at least 1, was " + topByTrx);
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batch size must be between 1 and 100000, was " + batchSize);
            }
        }
    }

    /**
     * The outcome.
     *
     * @param cached  recaps put into the cache
     * @param bytes   their encoded size in total (before cache compression)
     * @param elapsed time taken
     * @param room    what the cache told of its room while the warm-up wrote
     */
    record WarmReport(long cached, long bytes, Duration elapsed, Room room) {
        /**
         * Recaps cached per second.
         *
         * @return the rate
         */
        public double perSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : cached / seconds;
        }
    }

    /**
     * What the warm-up learnt of the cache's room, where the cache can tell.
     *
     * @param evicted       entries the cache evicted while the warm-up wrote (the first written go first)
     * @param bytesPerEntry memory one more entry took, measured on the first batch; 0 when unknown
     * @param maxBytes      the cache's memory limit, 0 for none
     */
    record Room(long evicted, long bytesPerEntry, long maxBytes) {

        /** Nothing known: the cache cannot tell. */
        public static final Room UNKNOWN = new Room(0, 0, 0);

        /**
         * About how many entries the cache holds when full.
         *
         * @return the estimate, or 0 when unknown
         */
        public long holds() {
            return bytesPerEntry <= 0 || maxBytes <= 0 ? 0 : maxBytes / bytesPerEntry;
        }
    }
}
