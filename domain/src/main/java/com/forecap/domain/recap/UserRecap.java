package com.forecap.domain.recap;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A customer's year-end recap, field for field as the contract's recap JSON.
 *
 * <p>{@code userName} and {@code trxCount} are always present. Every other component is optional:
 * {@code null} means "not known for this user" (a NULL column) and is left out of the JSON. Lists are
 * copied, so a recap is immutable.
 *
 * @param userName                 display name, never {@code null}
 * @param trxCount                 transactions in the year, not negative
 * @param variantCount             distinct product variants bought
 * @param totalPoint               loyalty points earned
 * @param totalPointDescription    text shown with the points
 * @param totalPointPossibleRedeem how many rewards the points could redeem
 * @param totalPointProductName    the reward product's name
 * @param totalPointImage          the reward product's image URL
 * @param deliveryCount            delivery orders
 * @param pickupCount              pick-up orders
 * @param cheaperSubsDesc          text describing the subscription saving
 * @param cheaperSubsAmount        the subscription saving in Rupiah
 * @param topRanking               rank among all customers
 * @param listCircularImages       image URLs shown in a circle
 * @param listProductFavorite      favourite products, most cups first
 * @param listFavoriteStore        favourite stores, most transactions first
 */
public record UserRecap(
        String userName,
        int trxCount,
        Integer variantCount,
        Long totalPoint,
        String totalPointDescription,
        Long totalPointPossibleRedeem,
        String totalPointProductName,
        String totalPointImage,
        Integer deliveryCount,
        Integer pickupCount,
        String cheaperSubsDesc,
        BigDecimal cheaperSubsAmount,
        Integer topRanking,
        List<String> listCircularImages,
        List<FavoriteProduct> listProductFavorite,
        List<FavoriteStore> listFavoriteStore) {

    /** Validates the mandatory fields and copies the lists. */
    public UserRecap {
        Objects.requireNonNull(userName, "userName");
        if (trxCount < 0) {
            throw new IllegalArgumentException("trxCount must not be negative: " + trxCount);
        }
        listCircularImages = listCircularImages == null ? null : List.copyOf(listCircularImages);
        listProductFavorite = listProductFavorite == null ? null : List.copyOf(listProductFavorite);
        listFavoriteStore = listFavoriteStore == null ? null : List.copyOf(listFavoriteStore);
    }
}
