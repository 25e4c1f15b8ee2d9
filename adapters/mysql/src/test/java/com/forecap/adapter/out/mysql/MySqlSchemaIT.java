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
        ScratchDatabase.execute("UPDATE `" + database.name() + "`.flyway_schema_history SET checksum = 0 WHERE version = '1'");
        assertThatThrownBy(() -> new MySqlSchema(database.settings(2)).migrate())
                .isInstanceOf(MySqlException.class).hasMessageContaining("checksum mismatch for migration version 1");
    }

    @Test
    void a_database_the_earlier_runner_migrated_is_taken_over_without_running_its_scripts_again() throws Exception {
        ScratchDatabase.execute("CREATE DATABASE `" + database.name() + "`");
        ScratchDatabase.execute("CREATE TABLE `" + database.name() + "`.forecap_schema_history (version INT NOT NULL "
                + "PRIMARY KEY, description VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL "
                + "DEFAULT CURRENT_TIMESTAMP) ENGINE = InnoDB");
        ScratchDatabase.execute("INSERT INTO `" + database.name() + "`.forecap_schema_history (version, description, checksum) "
                + "VALUES (1, 'create user recap data', REPEAT('a', 64))");
        ScratchDatabase.execute("CREATE TABLE `" + database.name() + "`.user_recap_data (user_id INT UNSIGNED PRIMARY KEY)");

        assertThat(new MySqlSchema(database.settings(2)).migrate()).as("version 1 is already there").isEmpty();
        assertThat(columnsOfUserRecapData()).as("the script did not run again").containsExactly("user_id");
        assertThat(new MySqlSchema(database.settings(2)).migrate()).isEmpty();
    }

    @Test
    void tables_created_without_any_history_get_the_scripts_which_create_only_what_is_missing() throws Exception {
        ScratchDatabase.execute("CREATE DATABASE `" + database.name() + "`");
        ScratchDatabase.execute("CREATE TABLE `" + database.name() + "`.other_table (id INT PRIMARY KEY)");
        assertThat(new MySqlSchema(database.settings(2)).migrate()).containsExactly(1);
        assertThat(columnsOfUserRecapData()).contains("user_id", "list_favorite_store");
    }

    private List<String> columnsOfUserRecapData() throws Exception {
        try (MySqlConnections connections = MySqlConnections.forTools(database.settings(2), 1);
             Connection connection = connections.connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                     + database.name() + "' AND table_name = 'user_recap_data' ORDER BY ordinal_position")) {
            List<String> columns = new ArrayList<>();
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
            return columns;
        }
    }
}
