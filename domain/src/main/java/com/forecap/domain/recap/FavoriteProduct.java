package com.forecap.domain.recap;

import java.util.Objects;

/**
 * One of a customer's favourite products in the year.
 *
 * @param productName  the product's display name
 * @param countCups    how many cups of it the customer bought, not negative
 * @param productImage the product image URL, may be {@code null}
 */
public record FavoriteProduct(String productName, int countCups, String productImage) {

    /** Validates the fields. */
    public FavoriteProduct {
        Objects.requireNonNull(productName, "productName");
        if (countCups < 0) {
            throw new IllegalArgumentException("countCups must not be negative: " + countCups);
        }
    }
}
