package com.forecap.application.port.out;

import java.util.Map;

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
}
