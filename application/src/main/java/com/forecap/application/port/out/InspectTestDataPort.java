package com.forecap.application.port.out;

import java.util.List;
import java.util.Map;

import com.forecap.application.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;

/** Read-only checks over the stored data set: the operator guide's three queries. */
public interface InspectTestDataPort {

    /**
     * How many users are stored and the largest id.
     *
     * @return the totals
     * @throws StoreException when the store cannot answer
     */
    Totals totals();

    /**
     * Users per {@code trx_count} range.
     *
     * @return count per range; ranges without users may be absent
     * @throws StoreException when the store cannot answer
     */
    Map<TrxRange, Long> countPerTrxRange();

    /**
     * Reads some users.
     *
     * @param userIds the ids
     * @return the stored recaps by id; missing ids are absent
     * @throws StoreException when the store cannot answer
     */
    Map<Long, UserRecap> find(List<Long> userIds);

    /**
     * Stored users.
     *
     * @param count  rows stored
     * @param maxId  the largest stored id, 0 when empty
     */
    record Totals(long count, long maxId) {
    }
}
