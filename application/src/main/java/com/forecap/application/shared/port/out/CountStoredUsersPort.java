package com.forecap.application.shared.port.out;

/** How many users a store holds: what the test-data checks report and the dictionary training samples from. */
public interface CountStoredUsersPort {

    /**
     * How many users are stored and the largest id.
     *
     * @return the totals
     * @throws StoreException when the store cannot answer
     */
    Totals totals();

    /**
     * Stored users.
     *
     * @param count  rows stored
     * @param maxId  the largest stored id, 0 when empty
     */
    record Totals(long count, long maxId) {
    }
}
