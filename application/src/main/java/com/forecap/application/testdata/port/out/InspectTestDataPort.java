package com.forecap.application.testdata.port.out;

import java.util.List;
import java.util.Map;

import com.forecap.application.shared.port.out.CountStoredUsersPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;

/** Read-only checks over the stored data set: the operator guide's three queries (the totals being one). */
public interface InspectTestDataPort extends CountStoredUsersPort {

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
}
