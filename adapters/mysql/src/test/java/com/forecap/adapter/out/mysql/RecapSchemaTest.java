package com.forecap.adapter.out.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.domain.recap.RecapField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration and {@link RecapField} (with the adapter's column types) describe the same table. */
class RecapSchemaTest {

    /** A column line of the CREATE TABLE: name, type, then NULL or NOT NULL. */
    private static final Pattern COLUMN = Pattern.compile("^\\s+([a-z_]+)\\s+(.+?)\\s+(?:NOT NULL|NULL)\\b", Pattern.MULTILINE);

    private static Map<String, String> migrationColumns() throws IOException {
        try (InputStream sql = RecapSchemaTest.class.getResourceAsStream("/db/migration/V1__create_user_recap_data.sql")) {
            assertThat(sql).as("the migration on the classpath").isNotNull();
            Matcher matcher = COLUMN.matcher(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> columns = new LinkedHashMap<>();
            while (matcher.find()) {
                columns.put(matcher.group(1), matcher.group(2).replaceAll("\\s+", " "));
            }
            return columns;
        }
    }

    @Test
    void the_migration_declares_every_recap_field_in_order_with_the_adapters_types() throws IOException {
        Map<String, String> table = migrationColumns();
        table.remove("created_at");
        table.remove("updated_at");
        assertThat(table.keySet()).containsExactlyElementsOf(RecapField.columns());
        for (RecapField field : RecapField.values()) {
            assertThat(RecapColumns.SQL_TYPES.get(field)).as(field.column()).isEqualTo(table.get(field.column()));
        }
    }

    @Test
    void the_warm_up_row_names_every_field_but_the_id_at_its_json_name() {
        String select = RecapColumns.jsonTableSelect();
        assertThat(select).startsWith("SELECT user_name, trx_count, ").endsWith(")) AS warm_up")
                .contains("user_name VARCHAR(255) PATH '$.userName', trx_count INT UNSIGNED PATH '$.trxCount'")
                .contains("cheaper_subs_amount DECIMAL(12, 2) PATH '$.cheaperSubsAmount'")
                .contains("list_favorite_store JSON PATH '$.listFavoriteStore'")
                .doesNotContain("user_id");
    }
}
