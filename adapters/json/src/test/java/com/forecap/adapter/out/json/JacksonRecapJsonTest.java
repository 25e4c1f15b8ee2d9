package com.forecap.adapter.out.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.shared.port.out.RecapJsonPort.MalformedListException;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JacksonRecapJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JacksonRecapJson codec = new JacksonRecapJson();
    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    @Example
    void a_minimal_recap_has_only_the_mandatory_fields() {
        UserRecap recap = new UserRecap("Budi \"B\" Santoso", 0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        String json = new String(codec.encode(recap).json(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"userName\":\"Budi \\\"B\\\" Santoso\",\"trxCount\":0}");
    }

    @Example
    void a_full_recap_uses_the_contract_keys_and_types() throws Exception {
        UserRecap recap = new UserRecap("Siti Rahma", 120, 7L, 1500L, "Poin kamu cukup untuk 60x Americano", 60L,
                "Americano", "https://img/a.png", 70L, 50L, "325rb Rupiah", new BigDecimal("325000.00"), 17L,
                new JsonArrayText("[\"https://img/a.png\"]"),
                new JsonArrayText("[{\"productName\":\"Americano\",\"countCups\":40,\"productImage\":\"https://img/a.png\"}]"),
                new JsonArrayText("[{\"storeName\":\"Forecap Kemang\",\"transactionCount\":30}]"));
        JsonNode node = MAPPER.readTree(codec.encode(recap).json());
        assertThat(node.fieldNames()).toIterable().containsExactly("userName", "trxCount", "variantCount", "totalPoint",
                "totalPointDescription", "totalPointPossibleRedeem", "totalPointProductName", "totalPointImage",
                "deliveryCount", "pickupCount", "cheaperSubsDesc", "cheaperSubsAmount", "topRanking",
                "listCircularImages", "listProductFavorite", "listFavoriteStore");
        assertThat(node.get("cheaperSubsAmount").isNumber()).isTrue();
        assertThat(node.get("cheaperSubsAmount").decimalValue()).isEqualByComparingTo("325000");
        assertThat(node.get("trxCount").intValue()).isEqualTo(120);
        assertThat(node.at("/listProductFavorite/0/countCups").intValue()).isEqualTo(40);
        assertThat(node.at("/listFavoriteStore/0").has("storeImage")).isFalse();
    }

    @Example
    void integers_cover_int_unsigned_and_amounts_stay_exact() {
        UserRecap recap = new UserRecap("", 4_294_967_295L, 4_294_967_295L, 4_294_967_295L, "", 0L, "", "", 0L,
                4_294_967_295L, "", new BigDecimal("99999999.99"), 4_294_967_295L, null, null, null);
        assertThat(new String(codec.encode(recap).json(), StandardCharsets.UTF_8)).isEqualTo("{\"userName\":\"\","
                + "\"trxCount\":4294967295,\"variantCount\":4294967295,\"totalPoint\":4294967295,"
                + "\"totalPointDescription\":\"\",\"totalPointPossibleRedeem\":0,\"totalPointProductName\":\"\","
                + "\"totalPointImage\":\"\",\"deliveryCount\":0,\"pickupCount\":4294967295,\"cheaperSubsDesc\":\"\","
                + "\"cheaperSubsAmount\":99999999.99,\"topRanking\":4294967295}");
    }

    @Example
    void amounts_are_written_without_trailing_zeros() {
        assertThat(amountOf("0.00")).isEqualTo("0");
        assertThat(amountOf("325000.00")).isEqualTo("325000");
        assertThat(amountOf("12.50")).isEqualTo("12.5");
        assertThat(amountOf("0.01")).isEqualTo("0.01");
        assertThat(amountOf("-99999999.99")).isEqualTo("-99999999.99");
    }

    @Example
    void stored_lists_are_served_as_they_are() {
        String products = "[ {\"productName\": \"Kopi \\\"Susu\\\" ☕\", \"countCups\": 1.5, \"extra\": {\"x\": [1, null]}},\n"
                + "  null, 7, \"x\", [[[]]] ]";
        UserRecap recap = new UserRecap("A", 1, null, null, null, null, null, null, null, null, null, null, null,
                codec.storedList("[1, 2.5, null, {\"u\": \"/img/a.png\"}]"), codec.storedList(products),
                codec.storedList("[]"));
        String json = new String(codec.encode(recap).json(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"userName\":\"A\",\"trxCount\":1,\"listCircularImages\":[1, 2.5, null, "
                + "{\"u\": \"/img/a.png\"}],\"listProductFavorite\":" + products + ",\"listFavoriteStore\":[]}");
    }

    @Example
    void a_column_that_is_not_one_json_array_is_refused_with_the_reason() {
        assertThatThrownBy(() -> codec.storedList("{\"a\":1}")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("object");
        assertThatThrownBy(() -> codec.storedList("\"[1]\"")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("string");
        assertThatThrownBy(() -> codec.storedList("[1,")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.storedList("[] []")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("after the array");
        assertThatThrownBy(() -> codec.storedList("[NaN]")).isInstanceOf(MalformedListException.class);
        assertThatThrownBy(() -> codec.storedList("")).isInstanceOf(MalformedListException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.storedList("[" + "[".repeat(40) + "]".repeat(40) + "]"))
                .isInstanceOf(MalformedListException.class);
        assertThatThrownBy(() -> codec.storedList("[\"" + "x".repeat(JacksonRecapJson.MAX_COLUMN_LENGTH) + "\"]"))
                .isInstanceOf(MalformedListException.class).hasMessageContaining("longer");
    }

    @Example
    void lists_compare_as_json_values_whatever_the_spacing_and_key_order() {
        JsonArrayText compact = new JsonArrayText("[{\"productName\":\"A\",\"countCups\":3}]");
        JsonArrayText mysql8 = new JsonArrayText("[{\"countCups\": 3, \"productName\": \"A\"}]");
        assertThat(codec.sameList(compact, mysql8)).isTrue();
        assertThat(codec.sameList(compact, new JsonArrayText("[{\"productName\":\"A\",\"countCups\":4}]"))).isFalse();
        assertThat(codec.sameList(new JsonArrayText("[1,2]"), new JsonArrayText("[2,1]"))).isFalse();
        assertThat(codec.sameList(null, null)).isTrue();
        assertThat(codec.sameList(compact, null)).isFalse();
    }

    @Property(tries = 300)
    void every_synthetic_recap_encodes_to_json_with_its_values(@ForAll @LongRange(min = 1, max = 10_000_000) long id)
            throws Exception {
        UserRecap recap = synthetic.recapOf(UserId.of(id));
        JsonNode node = MAPPER.readTree(codec.encode(recap).json());
        assertThat(node.get("userName").textValue()).isEqualTo(recap.userName());
        assertThat(node.get("trxCount").longValue()).isEqualTo(recap.trxCount());
        assertThat(node.has("topRanking")).isEqualTo(recap.topRanking() != null);
        assertThat(node.has("cheaperSubsAmount")).isEqualTo(recap.cheaperSubsAmount() != null);
        assertThat(node.has("listProductFavorite")).isEqualTo(recap.listProductFavorite() != null);
    }

    @Property(tries = 300)
    void synthetic_lists_are_json_arrays_of_the_contract_shape(@ForAll @LongRange(min = 1, max = 10_000_000) long id)
            throws Exception {
        UserRecap recap = synthetic.recapOf(UserId.of(id));
        if (recap.listProductFavorite() == null) {
            assertThat(recap.trxCount()).isZero();
            return;
        }
        JsonNode products = MAPPER.readTree(codec.storedList(recap.listProductFavorite().json()).json());
        assertThat(products.size()).isBetween(1, 5);
        long previous = Long.MAX_VALUE;
        for (JsonNode product : products) {
            assertThat(product.get("productName").isTextual()).isTrue();
            assertThat(product.get("productImage").isTextual()).isTrue();
            assertThat(product.get("countCups").longValue()).isBetween(1L, Math.min(previous, recap.trxCount()));
            previous = product.get("countCups").longValue();
        }
        JsonNode stores = MAPPER.readTree(codec.storedList(recap.listFavoriteStore().json()).json());
        assertThat(stores.size()).isBetween(1, 3);
        assertThat(stores.get(0).fieldNames()).toIterable().containsExactly("storeName", "transactionCount", "storeImage");
        JsonNode circular = MAPPER.readTree(codec.storedList(recap.listCircularImages().json()).json());
        assertThat(circular.size()).isEqualTo(Math.min(3, products.size()));
        assertThat(circular.get(0).textValue()).isEqualTo(products.get(0).get("productImage").textValue());
    }

    private String amountOf(String amount) {
        UserRecap recap = new UserRecap("A", 0, null, null, null, null, null, null, null, null, null,
                new BigDecimal(amount), null, null, null, null);
        String json = new String(codec.encode(recap).json(), StandardCharsets.UTF_8);
        return json.substring(json.indexOf("\"cheaperSubsAmount\":") + 20, json.length() - 1);
    }
}
