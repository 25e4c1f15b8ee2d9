package com.forecap.domain.recap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecapFieldTest {

    @Test
    void columns_are_snake_case_in_schema_order_and_json_names_camel_case() {
        assertThat(RecapField.columns()).hasSize(17).startsWith("user_id", "user_name", "trx_count")
                .endsWith("list_circular_images", "list_product_favorite", "list_favorite_store");
        assertThat(RecapField.TOTAL_POINT_POSSIBLE_REDEEM.column()).isEqualTo("total_point_possible_redeem");
        assertThat(RecapField.TOTAL_POINT_POSSIBLE_REDEEM.jsonName()).isEqualTo("totalPointPossibleRedeem");
        assertThat(RecapField.USER_NAME.jsonName()).isEqualTo("userName");
        assertThat(RecapField.TOP_RANKING.jsonName()).isEqualTo("topRanking");
    }
}
