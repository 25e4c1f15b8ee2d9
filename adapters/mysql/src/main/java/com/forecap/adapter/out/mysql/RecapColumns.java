package com.forecap.adapter.out.mysql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.RecapField;
import com.forecap.domain.recap.UserRecap;

/** The {@code user_recap_data} columns that make a recap, and the mapping of a row to one. */
final class RecapColumns {

    static final String TABLE = "user_recap_data";

    /** Every recap column, in the order the bulk loader writes them. */
    static final List<String> ALL = RecapField.columns();

    /** The SQL type of each field's column, as the migration declares it ({@code RecapSchemaTest} compares them). */
    static final Map<RecapField, String> SQL_TYPES = sqlTypes();

    /** The recap columns without the id, for reads by id. */
    static final String SELECT_LIST = String.join(", ", ALL.subList(1, ALL.size()));

    /**
     * The {@code LOAD DATA LOCAL} statement that reads a {@link TsvRecapStream} into the table.
     *
     * @param file       the name the stream stands for (the driver never opens it)
     * @param duplicates what an existing id does: {@code IGNORE} (keep the stored row) or {@code REPLACE}
     * @return the statement
     */
    static String loadData(String file, String duplicates) {
        return "LOAD DATA LOCAL INFILE '" + file + "' " + duplicates + " INTO TABLE " + TABLE
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + String.join(", ", ALL) + ")";
    }

    private RecapColumns() {
    }

    private static Map<RecapField, String> sqlTypes() {
        Map<RecapField, String> types = new EnumMap<>(RecapField.class);
        for (RecapField field : RecapField.values()) {
            types.put(field, switch (field) {
                case USER_NAME, TOTAL_POINT_PRODUCT_NAME -> "VARCHAR(255)";
                case TOTAL_POINT_DESCRIPTION -> "TEXT";
                case TOTAL_POINT_IMAGE -> "VARCHAR(500)";
                case CHEAPER_SUBS_DESC -> "VARCHAR(100)";
                case CHEAPER_SUBS_AMOUNT -> "DECIMAL(12, 2)";
                case LIST_CIRCULAR_IMAGES, LIST_PRODUCT_FAVORITE, LIST_FAVORITE_STORE -> "JSON";
                case USER_ID, TRX_COUNT, VARIANT_COUNT, TOTAL_POINT, TOTAL_POINT_POSSIBLE_REDEEM, DELIVERY_COUNT, PICKUP_COUNT,
                     TOP_RANKING -> "INT UNSIGNED";
            });
        }
        return Collections.unmodifiableMap(types);
    }

    /**
     * A recap row the server computes from a JSON document ({@code JSON_TABLE}, MariaDB 10.6+ and MySQL 8) in the
     * table's columns and types, reading no table: the recap columns without the id, each at its JSON name.
     *
     * @return the statement, with one parameter: the JSON document
     */
    static String jsonTableSelect() {
        StringJoiner columns = new StringJoiner(", ", "SELECT " + SELECT_LIST + " FROM JSON_TABLE(?, '$' COLUMNS (", ")) AS warm_up");
        for (RecapField field : RecapField.values()) {
            if (field != RecapField.USER_ID) {
                columns.add(field.column() + " " + SQL_TYPES.get(field) + " PATH '$." + field.jsonName() + "'");
            }
        }
        return columns.toString();
    }

    /** Reads one column of the current row by name. */
    @FunctionalInterface
    interface Row {
        Object get(String column) throws Exception;
    }

    /** Told about a list column left out of a recap because it is not a JSON array. */
    @FunctionalInterface
    interface MalformedLists {
        /** Ignores them. */
        MalformedLists IGNORE = (column, reason) -> { };

        void leftOut(String column, String reason);
    }

    /**
     * Maps a row to a recap. Every value the schema admits maps: whole numbers as {@code long}, the
     * amount as the exact decimal, list columns as their stored text once checked to be JSON arrays. A
     * list column that is not one is left out (reported to {@code malformed}) rather than failing the
     * recap.
     *
     * @param row       the row
     * @param json      checks the list columns
     * @param malformed told about list columns left out
     * @return the recap
     * @throws Exception when a column cannot be read
     */
    static UserRecap map(Row row, RecapJsonPort json, MalformedLists malformed) throws Exception {
        return new UserRecap(
                text(row, "user_name"),
                wholeNumber(row, "trx_count"),
                optionalWholeNumber(row, "variant_count"),
                optionalWholeNumber(row, "total_point"),
                text(row, "total_point_description"),
                optionalWholeNumber(row, "total_point_possible_redeem"),
                text(row, "total_point_product_name"),
                text(row, "total_point_image"),
                optionalWholeNumber(row, "delivery_count"),
                optionalWholeNumber(row, "pickup_count"),
                text(row, "cheaper_subs_desc"),
                decimal(row, "cheaper_subs_amount"),
                optionalWholeNumber(row, "top_ranking"),
                list(row, "list_circular_images", json, malformed),
                list(row, "list_product_favorite", json, malformed),
                list(row, "list_favorite_store", json, malformed));
    }

    private static String text(Row row, String column) throws Exception {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    private static long wholeNumber(Row row, String column) throws Exception {
        Long value = optionalWholeNumber(row, column);
        return value == null ? 0 : value;
    }

    /** A whole number of any SQL integer type; {@code BIGINT UNSIGNED} beyond a long is refused, not cut. */
    private static Long optionalWholeNumber(Row row, String column) throws Exception {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        return ((Number) value).longValue();
    }

    private static BigDecimal decimal(Row row, String column) throws Exception {
        Object value = row.get(column);
        return value == null ? null : value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
    }

    private static JsonArrayText list(Row row, String column, RecapJsonPort json, MalformedLists malformed)
            throws Exception {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return json.storedList(value instanceof byte[] bytes
                    ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value.toString());
        } catch (RecapJsonPort.MalformedListException e) {
            malformed.leftOut(column, e.getMessage());
            return null;
        }
    }
}
