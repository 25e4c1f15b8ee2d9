package com.forecap.adapter.out.mysql;

import java.math.BigDecimal;
import java.util.List;

import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.domain.recap.UserRecap;

/** The {@code user_recap_data} columns that make a recap, and the mapping of a row to one. */
final class RecapColumns {

    static final String TABLE = "user_recap_data";

    /** Every recap column, in the order the bulk loader writes them. */
    static final List<String> ALL = List.of("user_id", "user_name", "trx_count", "variant_count", "total_point",
            "total_point_description", "total_point_possible_redeem", "total_point_product_name", "total_point_image",
            "delivery_count", "pickup_count", "cheaper_subs_desc", "cheaper_subs_amount", "top_ranking",
            "list_circular_images", "list_product_favorite", "list_favorite_store");

    /** The recap columns without the id, for reads by id. */
    static final String SELECT_LIST = String.join(", ", ALL.subList(1, ALL.size()));

    private RecapColumns() {
    }

    /** Reads one column of the current row by name. */
    @FunctionalInterface
    interface Row {
        Object get(String column) throws Exception;
    }

    /**
     * Maps a row to a recap, parsing the JSON columns once.
     *
     * @param row  the row
     * @param json the JSON codec
     * @return the recap
     * @throws Exception when a column cannot be read or holds malformed data
     */
    static UserRecap map(Row row, RecapJsonPort json) throws Exception {
        RecapJsonPort.Lists lists = json.readLists(new RecapJsonPort.ListColumns(
                text(row, "list_circular_images"), text(row, "list_product_favorite"), text(row, "list_favorite_store")));
        return new UserRecap(
                text(row, "user_name"),
                integer(row, "trx_count"),
                integer(row, "variant_count"),
                longValue(row, "total_point"),
                text(row, "total_point_description"),
                longValue(row, "total_point_possible_redeem"),
                text(row, "total_point_product_name"),
                text(row, "total_point_image"),
                integer(row, "delivery_count"),
                integer(row, "pickup_count"),
                text(row, "cheaper_subs_desc"),
                (BigDecimal) row.get("cheaper_subs_amount"),
                integer(row, "top_ranking"),
                lists.circularImages(),
                lists.productFavorites(),
                lists.favoriteStores());
    }

    private static String text(Row row, String column) throws Exception {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    private static Integer integer(Row row, String column) throws Exception {
        Object value = row.get(column);
        return value == null ? null : Math.toIntExact(((Number) value).longValue());
    }

    private static Long longValue(Row row, String column) throws Exception {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }
}
