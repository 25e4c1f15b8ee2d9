package com.forecap.bootstrap.wiring;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.bootstrap.SignedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A differential check against rows the schema admits but the synthetic generator never writes (what a
 * warehouse export can hold): every one is answered 200 from MySQL and again from Redis, each scalar as
 * stored, each list column equal as JSON to its stored text, and a list column that is not a JSON array
 * left out.
 */
class EdgeRowsIT {

    /** Strict: text after the value is an error, as it is for a JSON document. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static final String PREFIX = "forecap-it-" + UUID.randomUUID() + ":";
    private static final long MAX = 4_294_967_295L;
    private static final List<String> COLUMNS = List.of("user_id", "user_name", "trx_count", "variant_count", "total_point",
            "total_point_description", "total_point_possible_redeem", "total_point_product_name", "total_point_image",
            "delivery_count", "pickup_count", "cheaper_subs_desc", "cheaper_subs_amount", "top_ranking",
            "list_circular_images", "list_product_favorite", "list_favorite_store");
    private static final Map<Long, Map<String, Object>> ROWS = new LinkedHashMap<>();
    private static RunningService mysqlOnly;
    private static RunningService cached;

    @BeforeAll
    static void start() throws Exception {
        DATABASE.withUsers(10);
        edgeRows();
        try (Connection connection = connect(); Statement session = connection.createStatement()) {
            // MariaDB checks JSON columns with a CHECK constraint; MySQL without one admits any text
            session.execute("SET SESSION check_constraint_checks = 0");
            String sql = "REPLACE INTO user_recap_data (" + String.join(", ", COLUMNS) + ") VALUES ("
                    + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Map.Entry<Long, Map<String, Object>> row : ROWS.entrySet()) {
                    insert.setLong(1, row.getKey());
                    for (int i = 1; i < COLUMNS.size(); i++) {
                        insert.setObject(i + 1, row.getValue().get(COLUMNS.get(i)));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        Map<String, String> environment = DATABASE.environment();
        mysqlOnly = LoopbackService.start(environment, "forecap.cache.local.enabled", "false");
        Map<String, String> withRedis = new LinkedHashMap<>(environment);
        withRedis.put("REDIS_HOST", "127.0.0.1");
        cached = LoopbackService.start(withRedis,
                "forecap.cache.local.enabled", "false", "forecap.redis.key-prefix", PREFIX);
    }

    @AfterAll
    static void stop() {
        if (cached != null) {
            cached.close();
        }
        if (mysqlOnly != null) {
            mysqlOnly.close();
        }
        DATABASE.close();
        try (var jedis = new redis.clients.jedis.Jedis("127.0.0.1", 6379)) {
            jedis.keys(PREFIX + "*").forEach(jedis::del);
        }
    }

    /** The rows: each puts some columns at an edge of what the schema admits. */
    private static void edgeRows() {
        row(MAX, Map.of("user_name", "Max Everything", "trx_count", MAX, "variant_count", MAX, "total_point", MAX,
                "total_point_possible_redeem", MAX, "delivery_count", MAX, "pickup_count", MAX, "top_ranking", MAX,
                "cheaper_subs_amount", new BigDecimal("99999999.99"), "cheaper_subs_desc", "x".repeat(100)));
        row(1_001, Map.of("user_name", "Budi \"Kopi\" O'Neil ☕😀 \\ back\tslash\nnewline", "trx_count", 3,
                "total_point_description", "Poin \"kamu\" — cukup ✓ <b>&amp;</b>", "cheaper_subs_amount", new BigDecimal("0.00"),
                "total_point_image", "https://img.example/ä ö/☕.png?x=1&y=\"2\""));
        row(1_002, Map.of("user_name", "", "trx_count", 0, "total_point_description", "", "total_point_product_name", "",
                "total_point_image", "", "cheaper_subs_desc", "", "cheaper_subs_amount", new BigDecimal("0.01"),
                "list_circular_images", "[]", "list_product_favorite", "[]", "list_favorite_store", "[]"));
        row(1_003, Map.of("user_name", "Odd Lists", "trx_count", 12,
                "list_circular_images", "[1, 2.5, null, \"/img/a.png\", {\"url\": \"/img/b.png\"}, [\"nested\"]]",
                "list_product_favorite", "[{\"productName\": \"Americano\", \"countCups\": 1.5, \"productImage\": null},"
                        + " null, {\"productName\": \"Latte\", \"countCups\": \"3\", \"extra\": {\"size\": \"L\", \"tags\": [1, true]}}]",
                "list_favorite_store", "{\"storeName\": \"Forecap Kemang\", \"transactionCount\": 2}"));
        row(1_004, Map.of("user_name", "Ten Of Each", "trx_count", 500,
                "list_circular_images", json(IntStream.rangeClosed(1, 10).mapToObj(i -> "\"/img/p" + i + ".png\"")),
                "list_product_favorite", json(IntStream.rangeClosed(1, 10).mapToObj(i ->
                        "{\"productName\":\"Produk " + i + " ☕\",\"countCups\":" + (100 - i) + ",\"productImage\":\"/img/p" + i + ".png\"}")),
                "list_favorite_store", json(IntStream.rangeClosed(1, 10).mapToObj(i ->
                        "{\"storeName\":\"Toko \\\"" + i + "\\\"\",\"transactionCount\":" + (50 - i) + "}"))));
        row(1_005, Map.of("user_name", "Not JSON", "trx_count", 1, "list_circular_images", "[1,",
                "list_product_favorite", "\"[just a string]\"", "list_favorite_store", "[] trailing"));
        row(1_006, Map.of("user_name", "Spacing And Escapes", "trx_count", 7,
                "list_circular_images", "\n  [ \"\\u00e9\\u2028\" ,\t\"/img/\\\"q\\\".png\" ]  \n",
                "list_product_favorite", "[{\"productName\":\"A\",\"countCups\":-1,\"big\":12345678901234567890,"
                        + "\"exp\":1e400,\"deep\":[[[[[[[[[[1]]]]]]]]]]}]"));
        row(1_007, Map.of("user_name", "Nulls Only", "trx_count", 0));
        row(1_008, Map.of("user_name", "Long List", "trx_count", 900,
                "list_product_favorite", json(IntStream.range(0, 300).mapToObj(i ->
                        "{\"productName\":\"P" + i + "\",\"countCups\":" + i + ",\"productImage\":\"/img/" + i + ".png\"}"))));
    }

    private static void row(long id, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : COLUMNS.subList(1, COLUMNS.size())) {
            row.put(column, values.get(column));
        }
        ROWS.put(id, row);
    }

    private static String json(java.util.stream.Stream<String> elements) {
        return elements.collect(Collectors.joining(",", "[", "]"));
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/"
                + DATABASE.name() + "?allowPublicKeyRetrieval=true", ScratchDatabase.USER, ScratchDatabase.PASSWORD);
    }

    @Test
    void every_edge_row_is_served_as_stored_from_mysql_and_from_redis() throws Exception {
        Map<Long, Map<String, String>> stored = storedListText();
        SignedClient direct = new SignedClient(mysqlOnly.port());
        SignedClient throughRedis = new SignedClient(cached.port());
        double redisHits = redisHits(throughRedis);
        List<String> checked = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Object>> row : ROWS.entrySet()) {
            long id = row.getKey();
            for (HttpResponse<String> response : List.of(direct.recap(id), throughRedis.recap(id), throughRedis.recap(id))) {
                assertThat(response.statusCode()).as("user %d: %s", id, response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
                matches(id, row.getValue(), stored.get(id), MAPPER.readTree(response.body()));
            }
            checked.add(Long.toString(id));
        }
        assertThat(checked).hasSize(ROWS.size());
        assertThat(redisHits(throughRedis)).as("second answers came from Redis").isGreaterThanOrEqualTo(redisHits + ROWS.size());
    }

    @Test
    void a_list_column_that_is_not_an_array_is_left_out_and_the_rest_served() throws Exception {
        JsonNode odd = MAPPER.readTree(new SignedClient(mysqlOnly.port()).recap(1_003).body());
        assertThat(odd.has("listFavoriteStore")).as("an object where a list belongs").isFalse();
        assertThat(odd.at("/listProductFavorite/0/countCups").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(odd.at("/listProductFavorite/1").isNull()).isTrue();
        JsonNode broken = MAPPER.readTree(new SignedClient(mysqlOnly.port()).recap(1_005).body());
        assertThat(broken.fieldNames()).toIterable().containsExactly("userName", "trxCount");
    }

    /** Scalars as stored; lists equal as JSON to the stored text when it is an array, absent otherwise. */
    private static void matches(long id, Map<String, Object> row, Map<String, String> lists, JsonNode answer) throws Exception {
        List<String> expectedKeys = new ArrayList<>();
        for (Map.Entry<String, Object> column : row.entrySet()) {
            String key = camel(column.getKey());
            Object value = column.getValue();
            if (column.getKey().startsWith("list_")) {
                String text = lists.get(column.getKey());
                JsonNode storedList = text == null ? null : parseArrayOrNull(text);
                if (storedList == null) {
                    assertThat(answer.has(key)).as("user %d %s left out", id, key).isFalse();
                } else {
                    assertThat(answer.get(key)).as("user %d %s", id, key).isEqualTo(storedList);
                    expectedKeys.add(key);
                }
            } else if (value == null && !column.getKey().equals("trx_count")) {
                assertThat(answer.has(key)).as("user %d %s is NULL", id, key).isFalse();
            } else if (value instanceof String text) {
                assertThat(answer.get(key).textValue()).as("user %d %s", id, key).isEqualTo(text);
                expectedKeys.add(key);
            } else if (value instanceof BigDecimal amount) {
                assertThat(answer.get(key).isNumber()).isTrue();
                assertThat(new BigDecimal(answer.get(key).asText())).as("user %d %s", id, key).isEqualByComparingTo(amount);
                expectedKeys.add(key);
            } else {
                long number = value == null ? 0 : ((Number) value).longValue();
                assertThat(answer.get(key).isIntegralNumber()).as("user %d %s", id, key).isTrue();
                assertThat(answer.get(key).longValue()).as("user %d %s", id, key).isEqualTo(number);
                expectedKeys.add(key);
            }
        }
        Iterator<String> names = answer.fieldNames();
        List<String> actualKeys = new ArrayList<>();
        names.forEachRemaining(actualKeys::add);
        assertThat(actualKeys).as("user %d keys", id).containsExactlyInAnyOrderElementsOf(expectedKeys);
    }

    private static JsonNode parseArrayOrNull(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isArray() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The list columns' text as the database gives it back (MySQL 8 reformats JSON; MariaDB keeps it). */
    private static Map<Long, Map<String, String>> storedListText() throws Exception {
        Map<Long, Map<String, String>> lists = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT user_id, list_circular_images, list_product_favorite, "
                     + "list_favorite_store FROM user_recap_data WHERE user_id > 1000")) {
            while (rows.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : List.of("list_circular_images", "list_product_favorite", "list_favorite_store")) {
                    row.put(column, rows.getString(column));
                }
                lists.put(rows.getLong(1), row);
            }
        }
        return lists;
    }

    private static String camel(String column) {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }

    private static double redisHits(SignedClient client) throws Exception {
        Matcher matcher = Pattern.compile("(?m)^cache_hits_total\\{cache_type=\"redis\"} ([0-9.eE+-]+)$")
                .matcher(client.get("/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
