package com.forecap.application.cache.port.out;

import com.forecap.application.shared.port.out.StoreException;

import java.util.List;
import java.util.function.Consumer;

import com.forecap.application.shared.IdRange;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;

/** Reads stored recaps in bulk, batch by batch, for pre-warming the cache. */
public interface ReadRecapsPort {

    /**
     * Reads the users of a range that exist, in id order.
     *
     * @param range     the ids
     * @param batchSize users per batch
     * @param batches   receives each batch
     * @throws StoreException when the store cannot answer
     */
    void readRange(IdRange range, int batchSize, Consumer<List<StoredRecap>> batches);

    /**
     * Reads the users with the most transactions (the most likely to open their recap).
     *
     * @param count     how many
     * @param batchSize users per batch
     * @param batches   receives each batch
     * @throws StoreException when the store cannot answer
     */
    void readTopByTrxCount(long count, int batchSize, Consumer<List<StoredRecap>> batches);

    /**
     * One stored recap.
     *
     * @param userId the user
     * @param recap  the recap
     */
    record StoredRecap(UserId userId, UserRecap recap) {
    }
}
