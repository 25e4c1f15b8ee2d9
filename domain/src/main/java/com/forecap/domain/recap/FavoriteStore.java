package com.forecap.domain.recap;

import java.util.Objects;

/**
 * One of a customer's favourite stores in the year.
 *
 * @param storeName        the store's display name
 * @param transactionCount how many transactions the customer made there, not negative
 * @param storeImage       the store image URL, may be {@code null}
 */
public record FavoriteStore(String storeName, int transactionCount, String storeImage) {

    /** Validates the fields. */
    public FavoriteStore {
        Objects.requireNonNull(storeName, "storeName");
        if (transactionCount < 0) {
            throw new IllegalArgumentException("transactionCount must not be negative: " + transactionCount);
        }
    }
}
