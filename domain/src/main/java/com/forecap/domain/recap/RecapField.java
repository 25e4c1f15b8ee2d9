package com.forecap.domain.recap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The recap's fields in the schema's column order: the one list that the table's columns, the import's
 * columns, the export files' header and the database adapter's statements derive from. A field's column is
 * its name in snake case ({@code user_name}), its JSON name the same in camel case ({@code userName}), as the
 * original service names both. A new field is a constant here, its accessor in {@link UserRecap}, its column
 * in the migration (a test compares the two) and its line in the JSON encoder.
 */
public enum RecapField {
    USER_ID,
    USER_NAME,
    TRX_COUNT,
    VARIANT_COUNT,
    TOTAL_POINT,
    TOTAL_POINT_DESCRIPTION,
    TOTAL_POINT_POSSIBLE_REDEEM,
    TOTAL_POINT_PRODUCT_NAME,
    TOTAL_POINT_IMAGE,
    DELIVERY_COUNT,
    PICKUP_COUNT,
    CHEAPER_SUBS_DESC,
    CHEAPER_SUBS_AMOUNT,
    TOP_RANKING,
    LIST_CIRCULAR_IMAGES,
    LIST_PRODUCT_FAVORITE,
    LIST_FAVORITE_STORE;

    private static final List<String> COLUMNS = Arrays.stream(values()).map(RecapField::column).toList();

    private final String column;
    private final String jsonName;

    RecapField() {
        this.column = name().toLowerCase(Locale.ROOT);
        StringBuilder camel = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        this.jsonName = camel.toString();
    }

    /**
     * The field's column in {@code user_recap_data}.
     *
     * @return e.g. {@code total_point_image}
     */
    public String column() {
        return column;
    }

    /**
     * The field's name in the recap's JSON.
     *
     * @return e.g. {@code totalPointImage}
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Every column, in order.
     *
     * @return the columns, {@code user_id} first
     */
    public static List<String> columns() {
        return COLUMNS;
    }
}
