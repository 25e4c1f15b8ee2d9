package com.forecap.application.cache.port.out;

import com.forecap.application.shared.port.out.StoreException;

import java.util.Map;
import java.util.Optional;

import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/** Puts recaps into the shared cache ahead of requests (pre-warming). */
@FunctionalInterface
public interface CacheRecapsPort {

    /**
     * Stores recaps in the cache, replacing what is there, with the cache's usual expiry.
     *
     * @param recaps recaps by user
     * @throws StoreException when the cache cannot be written
     */
    void putAll(Map<UserId, EncodedRecap> recaps);

    /**
     * How full the cache is, where it can tell (a cache with a memory limit that evicts when full).
     *
     * @return memory in use, the limit and the entries evicted so far; empty when the cache cannot tell
     */
    default Optional<Fill> fill() {
        return Optional.empty();
    }

    /**
     * A cache's memory and evictions at one moment.
     *
     * @param usedBytes memory in use
     * @param maxBytes  the limit past which it evicts, 0 for none
     * @param evicted   entries evicted since the cache started
     */
    record Fill(long usedBytes, long maxBytes, long evicted) {
    }
}
