package com.forecap.adapter.out.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.port.out.RecapJsonPort.ListColumns;
import com.forecap.application.port.out.RecapJsonPort.Lists;
import com.forecap.application.testdata.SyntheticRecaps;
import com.forecap.domain.recap.FavoriteProduct;
import com.forecap.domain.recap.FavoriteStore;
import com.forecap.domain.user.UserId;
import com.forecap.domain.recap.UserRecap;
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
    void a_minimal_recap_has_only_the_mandatory_fields() throws Exception {
        UserRecap recap = new UserRecap("Budi \"B\" Santoso", 0, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        String json = new String(codec.encode(recap).json(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"userName\":\"Budi \\\"B\\\" Santoso\",\"trxCount\":0}");
    }

    @Example
    void a_full_recap_uses_the_contract_keys_and_types() throws Exception {
        UserRecap recap = new UserRecap("Siti Rahma", 120, 7, 1500L, "Poin kamu cukup untuk 60x Americano", 60L,
                "Americano", "https://img/a.png", 70, 50, "325rb Rupiah", new BigDecimal("325000.00"), 17,
                List.of("https://img/a.png"),
                List.of(new FavoriteProduct("Americano", 40, "https://img/a.png")),
                List.of(new FavoriteStore("Forecap Kemang", 30, null)));
        JsonNode node = MAPPER.readTree(codec.encode(recap).json());
        assertThat(node.fieldNames()).toIterable().containsExactly("userName", "trxCount", "variantCount", "totalPoint",
                "totalPointDescription", "totalPointPossibleRedeem", "totalPointProductName", "totalPointImage",
                "deliveryCount", "pickupCount", "cheaperSubsDesc", "cheaperSubsAmount", "topRanking",
                "listCircularImages", "listProductFavorite", "listFavoriteStore");
        assertThat(node.get("cheaperSubsAmount").isNumber()).isTrue();
        assertThat(node.get("cheaperSubsAmount").decimalValue()).isEqualByComparingTo("325000");
        assertThat(node.get("trxCount").intValue()).isEqualTo(120);
        assertThat(node.at("/listProductFavorite/0/countCups").intValue()).isEqualTo(40);
        assertThat(node.at("/listFavoriteStore/0").has("storeImage")).as("null image left out").isFalse();
    }

    @Property(tries = 300)
    void every_synthetic_recap_encodes_to_json_with_its_values(@ForAll @LongRange(min = 1, max = 10_000_000) long id)
            throws Exception {
        UserRecap recap = synthetic.recapOf(UserId.of(id));
        JsonNode node = MAPPER.readTree(codec.encode(recap).json());
        assertThat(node.get("userName").textValue()).isEqualTo(recap.userName());
        assertThat(node.get("trxCount").intValue()).isEqualTo(recap.trxCount());
        assertThat(node.has("topRanking")).isEqualTo(recap.topRanking() != null);
        assertThat(node.has("cheaperSubsAmount")).isEqualTo(recap.cheaperSubsAmount() != null);
        assertThat(node.has("listProductFavorite")).isEqualTo(recap.listProductFavorite() != null);
    }

    @Property(tries = 300)
    void list_columns_round_trip(@ForAll @LongRange(min = 1, max = 10_000_000) long id) {
        UserRecap recap = synthetic.recapOf(UserId.of(id));
        Lists lists = codec.readLists(codec.writeLists(recap));
        assertThat(lists.circularImages()).isEqualTo(recap.listCircularImages());
        assertThat(lists.productFavorites()).isEqualTo(recap.listProductFavorite());
        assertThat(lists.favoriteStores()).isEqualTo(recap.listFavoriteStore());
    }

    @Example
    void malformed_columns_are_refused_with_a_clear_error() {
        assertThatThrownBy(() -> codec.readLists(new ListColumns("{\"a\":1}", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.readLists(new ListColumns(null, "[{\"countCups\":1}]", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("productName");
        assertThatThrownBy(() -> codec.readLists(new ListColumns(null, null, "[1,")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.readLists(new ListColumns("[] []", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void unknown_fields_in_columns_are_ignored() {
        Lists lists = codec.readLists(new ListColumns(null,
                "[{\"productName\":\"Americano\",\"countCups\":3,\"extra\":{\"x\":[1]}}]", null));
        assertThat(lists.productFavorites()).containsExactly(new FavoriteProduct("Americano", 3, null));
    }
}
