package com.forecap.application.port.out;

import java.util.List;

import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.FavoriteProduct;
import com.forecap.domain.recap.FavoriteStore;
import com.forecap.domain.recap.UserRecap;

/**
 * The contract's JSON forms: the recap sent to clients, and the three list fields that storage keeps
 * as JSON columns. Stores that produce recaps use it so that a recap is encoded once, when loaded.
 */
public interface RecapJsonPort {

    /**
     * Encodes a recap as the client sees it: camelCase keys, {@code null} fields left out.
     *
     * @param recap the recap
     * @return its UTF-8 JSON
     */
    EncodedRecap encode(UserRecap recap);

    /**
     * Writes the list fields as JSON arrays, for storage.
     *
     * @param recap the recap
     * @return the three arrays; a {@code null} list gives a {@code null} column
     */
    ListColumns writeLists(UserRecap recap);

    /**
     * Reads list fields stored as JSON arrays.
     *
     * @param columns the stored arrays, any may be {@code null}
     * @return the lists, {@code null} where the column was {@code null}
     * @throws IllegalArgumentException when a column is not the expected JSON
     */
    Lists readLists(ListColumns columns);

    /**
     * The list fields as stored JSON text.
     *
     * @param circularImages   {@code list_circular_images}, or {@code null}
     * @param productFavorites {@code list_product_favorite}, or {@code null}
     * @param favoriteStores   {@code list_favorite_store}, or {@code null}
     */
    record ListColumns(String circularImages, String productFavorites, String favoriteStores) {
    }

    /**
     * The list fields as values.
     *
     * @param circularImages   image URLs, or {@code null}
     * @param productFavorites favourite products, or {@code null}
     * @param favoriteStores   favourite stores, or {@code null}
     */
    record Lists(List<String> circularImages, List<FavoriteProduct> productFavorites, List<FavoriteStore> favoriteStores) {
    }
}
