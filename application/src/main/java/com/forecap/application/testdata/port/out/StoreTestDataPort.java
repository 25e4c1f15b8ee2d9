package com.forecap.application.testdata.port.out;

import com.forecap.application.shared.port.out.StoreException;

import java.util.Iterator;
import java.util.Map;

import com.forecap.application.shared.IdRange;
import com.forecap.domain.recap.UserRecap;

/** Bulk storage of the synthetic data set, for the test-data generator. */
public interface StoreTestDataPort {

    /**
     * Counts the users already stored in a range, per chunk.
     *
     * @param range     the ids to look at
     * @param chunkSize ids per chunk, see {@link IdRange#chunkOf(long, long)}
     * @return rows present per chunk index; chunks without rows may be absent
     * @throws StoreException when the store cannot answer
     */
    Map<Long, Long> countPerChunk(IdRange range, long chunkSize);

    /**
     * Stores the users of a range in one atomic step: afterwards either all of them are present or
     * none of this call's rows are. Users already present are left as they are, so a call can be
     * repeated after an interruption.
     *
     * @param range  the ids
     * @param recaps the recaps of those ids, in order, produced lazily as the store consumes them
     * @throws StoreException when writing fails
     */
    void write(IdRange range, Iterator<UserRecap> recaps);

    /**
     * Removes every stored user.
     *
     * @throws StoreException when the store refuses
     */
    void truncate();
}
