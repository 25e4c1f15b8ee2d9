package com.forecap.application.importing.service;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.forecap.application.fakes.TextRecapJson;
import com.forecap.domain.recap.UserRecap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRowValidatorTest {

    private final ImportRowValidator validator = new ImportRowValidator(new TextRecapJson());

    private static Map<String, String> row(String... pairs) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private List<ImportRowValidator.Problem> problems(String... pairs) {
        return validator.validate(row(pairs)).problems();
    }

    @Test
    void a_minimal_row_has_defaults_and_nulls() {
        ImportRowValidator.Outcome outcome = validator.validate(row("user_id", "7", "user_name", "Tono", "trx_count", ""));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.recap().userId()).isEqualTo(7);
        UserRecap recap = outcome.recap().recap();
        assertThat(recap.trxCount()).isZero();
        assertThat(recap.variantCount()).isNull();
        assertThat(recap.cheaperSubsAmount()).isNull();
        assertThat(recap.listFavoriteStore()).isNull();
    }

    @Test
    void every_value_the_schema_admits_passes_unchanged() {
        ImportRowValidator.Outcome outcome = validator.validate(row("user_id", "4294967295", "user_name", "x".repeat(255),
                "trx_count", "4294967295", "top_ranking", "0", "cheaper_subs_amount", "-9999999999.99",
                "cheaper_subs_desc", "\uD83D\uDE00".repeat(100), "list_product_favorite", "[{\"a\":1,\"extra\":[null]}]"));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.recap().recap().cheaperSubsAmount()).isEqualByComparingTo("-9999999999.99");
        assertThat(outcome.recap().recap().listProductFavorite().json()).isEqualTo("[{\"a\":1,\"extra\":[null]}]");
        assertThat(validator.validate(row("user_id", "1", "user_name", "a", "cheaper_subs_amount", "12.500"))
                .recap().recap().cheaperSubsAmount()).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void values_the_schema_would_cut_round_or_refuse_are_problems_never_adjusted() {
        assertThat(problems("user_name", "a")).extracting(ImportRowValidator.Problem::column).containsExactly("user_id");
        assertThat(problems("user_id", "0", "user_name", "a")).singleElement().extracting(ImportRowValidator.Problem::reason)
                .asString().contains("1..4294967295");
        assertThat(problems("user_id", "4294967296", "user_name", "a")).hasSize(1);
        assertThat(problems("user_id", "1")).extracting(ImportRowValidator.Problem::column).containsExactly("user_name");
        assertThat(problems("user_id", "1", "user_name", "x".repeat(256))).singleElement().extracting(ImportRowValidator.Problem::reason)
                .asString().contains("longer than 255 characters");
        assertThat(problems("user_id", "1", "user_name", "a", "trx_count", "1.5")).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "variant_count", "-1")).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "cheaper_subs_amount", "1.005")).singleElement()
                .extracting(ImportRowValidator.Problem::reason).asString().contains("more than 2 decimals");
        assertThat(problems("user_id", "1", "user_name", "a", "cheaper_subs_amount", "12345678901")).singleElement()
                .extracting(ImportRowValidator.Problem::reason).asString().contains("more than 10 digits");
        assertThat(problems("user_id", "1", "user_name", "a", "cheaper_subs_amount", "1e3")).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "cheaper_subs_desc", "x".repeat(101))).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "total_point_image", "x".repeat(501))).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "total_point_description", "\u00e9".repeat(40_000))).hasSize(1);
        assertThat(problems("user_id", "1", "user_name", "a", "list_circular_images", "{\"not\":\"a list\"}")).hasSize(1);
        assertThat(problems("user_id", "x", "user_name", "", "trx_count", "many")).hasSize(3);
    }

    @Test
    void column_names_in_snake_case_camel_case_or_a_mix_are_the_schema_columns() {
        assertThat(ImportColumns.canonical("userName")).isEqualTo("user_name");
        assertThat(ImportColumns.canonical("trxCount")).isEqualTo("trx_count");
        assertThat(ImportColumns.canonical("listProductFavorite")).isEqualTo("list_product_favorite");
        assertThat(ImportColumns.canonical("listFavoriteStore")).isEqualTo("list_favorite_store");
        assertThat(ImportColumns.canonical("list_circular_images")).isEqualTo("list_circular_images");
        assertThat(ImportColumns.canonical("totalPointPossibleRedeem")).isEqualTo("total_point_possible_redeem");
        assertThat(ImportColumns.canonical(" USER_ID ")).isEqualTo("user_id");
        assertThat(ImportColumns.canonical("\uFEFFuser_id")).isEqualTo("user_id");
        assertThat(ImportColumns.canonical("favourite")).isNull();
        assertThat(ImportColumns.unknown(List.of("userId", "colour"))).containsExactly("colour");
    }

    @Test
    void ids_seen_twice_are_found_with_bounded_memory() {
        IdSet seen = new IdSet();
        assertThat(seen.add(1)).isTrue();
        assertThat(seen.add(4_294_967_295L)).isTrue();
        assertThat(seen.add(1)).isFalse();
        assertThat(seen.add(4_294_967_295L)).isFalse();
        assertThat(seen.add(65_536)).isTrue();
    }
}
