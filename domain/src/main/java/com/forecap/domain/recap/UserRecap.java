package com.forecap.domain.recap;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A customer's year-end recap, field for field as the contract's recap JSON.
 *
 * <p>{@code userName} and {@code trxCount} are always present. Every other component is optional:
 * {@code null} means "not known for this user" (a NULL column) and is left out of the JSON. Whole numbers
 * are {@code long} so that every value of the schema's {@code INT UNSIGNED} columns (up to 4294967295)
 * fits; the amount keeps the column's exact {@code DECIMAL}. The three lists are the stored JSON arrays,
 * served as they are.
 *
 * @param userName                 display name, never {@code null} (may be empty)
 * @param trxCount                 transactions in the year
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
        long trxCount,
        Long variantCount,
        Long totalPoint,
        String totalPointDescription,
        Long totalPointPossibleRedeem,
        String totalPointProductName,
        String totalPointImage,
        Long deliveryCount,
        Long pickupCount,
        String cheaperSubsDesc,
        BigDecimal cheaperSubsAmount,
        Long topRanking,
        JsonArrayText listCircularImages,
        JsonArrayText listProductFavorite,
        JsonArrayText listFavoriteStore) {

    /** Validates the mandatory field. */
    public UserRecap {
        Objects.requireNonNull(userName, "userName");
    }
}
