package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlSchemaIT {

    private final ScratchDatabase database = ScratchDatabase.named();

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void creates_the_database_and_the_contract_table_once() throws Exception {
        MySqlSchema schema = new MySqlSchema(database.settings(2));
        assertThat(schema.migrate()).containsExactly(1);
        assertThat(schema.migrate()).as("second run").isEmpty();

        try (MySqlConnections connections = MySqlConnections.forTools(database.settings(2), 1);
             Connection connection = connections.connection(); Statement statement = connection.createStatement()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                    + database.name() + "' AND table_name = 'user_recap_data' ORDER BY ordinal_position")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            assertThat(columns).containsExactly("user_id", "user_name", "trx_count", "variant_count", "total_point",
                    "total_point_description", "total_point_possible_redeem", "total_point_product_name", "total_point_image",
                    "delivery_count", "pickup_count", "cheaper_subs_desc", "cheaper_subs_amount", "top_ranking",
                    "list_circular_images", "list_product_favorite", "list_favorite_store", "created_at", "updated_at");
            try (ResultSet rows = statement.executeQuery("SELECT engine FROM information_schema.tables WHERE table_schema = '"
                    + database.name() + "' AND table_name = 'user_recap_data'")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("InnoDB");
            }
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), MIN(partition_method), MIN(partition_expression) "
                    + "FROM information_schema.partitions WHERE table_schema = '" + database.name()
                    + "' AND table_name = 'user_recap_data'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(16);
                assertThat(rows.getString(2)).isEqualTo("HASH");
                assertThat(rows.getString(3)).contains("user_id");
            }
            try (ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.statistics WHERE table_schema = '"
                    + database.name() + "' AND table_name = 'user_recap_data' AND index_name = 'idx_trx_count'")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("trx_count");
            }
        }
    }

    @Test
    void a_changed_applied_script_is_refused() throws Exception {
        new MySqlSchema(database.settings(2)).migrate();
        ScratchDatabase.execute("UPDATE `" + database.name() + "`.forecap_schema_history SET checksum = REPEAT('0', 64)");
        assertThatThrownBy(() -> new MySqlSchema(database.settings(2)).migrate())
                .isInstanceOf(MySqlException.class).hasMessageContaining("schema version 1 was changed");
    }

    @Test
    void scripts_split_into_statements() {
        assertThat(MySqlSchema.statements("-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)");
        assertThat(MySqlSchema.migrations()).extracting(MySqlSchema.Migration::version).containsExactly(1);
    }
}
