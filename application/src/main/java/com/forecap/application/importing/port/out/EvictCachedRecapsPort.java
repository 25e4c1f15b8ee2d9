package com.forecap.application.importing.port.out;

import com.forecap.application.shared.port.out.StoreException;

/** Removes cached recaps so that the next request reads the stored (imported) one. */
public interface EvictCachedRecapsPort {

    /** No cache to invalidate: asking it to evict is refused. */
    EvictCachedRecapsPort NONE = (userIds, count) -> {
        throw new IllegalStateException("no cache to invalidate");
    };

    /**
     * Deletes the cached recaps of users.
     *
     * @param userIds the users
     * @param count   how many of {@code userIds} to use
     * @return entries deleted
     * @throws StoreException when the cache cannot be reached
     */
    long evict(long[] userIds, int count);
}
