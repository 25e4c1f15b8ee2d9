package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateOutput;

/**
 * Applies the versioned schema scripts ({@code db/migration/V<n>__<description>.sql}) with Flyway, in
 * order and once each, recording them in Flyway's {@code flyway_schema_history}; creates the database
 * first when it does not exist. The same scripts initialise the compose stack's MySQL.
 *
 * <p>A database the service's own runner migrated before (it kept {@code forecap_schema_history}) is
 * taken over at the last version recorded there; a database whose tables were created without any
 * history (the compose stack's first start) gets every script again, which is safe since the scripts
 * create only what is missing.
 */
public final class MySqlSchema {

    /** Where the scripts are, on the classpath. */
    public static final String LOCATION = "db/migration";
    private static final String LEGACY_HISTORY = "forecap_schema_history";

    private final MySqlSettings settings;

    /**
     * Creates the migrator.
     *
     * @param settings the server, database and a user allowed to create tables
     */
    public MySqlSchema(MySqlSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Applies every script not applied yet.
     *
     * @return the versions applied by this call (empty when up to date)
     * @throws MySqlException when the server cannot be used or an applied script was changed
     */
    public List<Integer> migrate() {
        createDatabaseIfMissing();
        try {
            Flyway flyway = Flyway.configure(MySqlSchema.class.getClassLoader())
                    .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .locations("classpath:" + LOCATION)
                    .baselineOnMigrate(true)
                    .baselineVersion(Integer.toString(legacyVersion()))
                    .baselineDescription("taken over from " + LEGACY_HISTORY)
                    .load();
            return flyway.migrate().migrations.stream().map((MigrateOutput applied) -> Integer.parseInt(applied.version))
                    .toList();
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw MySqlException.explain(settings, "migrate", sql);
            }
            throw MySqlException.of("migrate " + settings.database() + " on " + settings.server() + ": " + e.getMessage());
        }
    }

    /** The last version the earlier runner recorded, or 0 when it never ran here. */
    private int legacyVersion() {
        try (Connection connection = connect(settings.jdbcUrl()); Statement statement = connection.createStatement();
             ResultSet tables = connection.getMetaData().getTables(settings.database(), null, LEGACY_HISTORY, null)) {
            if (!tables.next()) {
                return 0;
            }
            try (ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_HISTORY)) {
                max.next();
                return max.getInt(1);
            }
        } catch (SQLException e) {
            throw MySqlException.explain(settings, "read " + LEGACY_HISTORY, e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection ignored = connect(settings.jdbcUrl())) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != MySqlException.UNKNOWN_DATABASE) {
                throw MySqlException.explain(settings, "connect", e);
            }
        }
        String serverUrl = settings.jdbcUrl().replaceFirst("(jdbc:mysql://[^/]+/)[A-Za-z0-9_]+", "$1");
        try (Connection connection = connect(serverUrl); Statement statement = connection.createStatement()) {
            // The name was validated as [A-Za-z0-9_]{1,64} by MySqlSettings; identifiers cannot be bound.
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + settings.database()
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw MySqlException.explain(settings, "create database", e);
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", Long.toString(Math.max(1_000, settings.connectionTimeout().toMillis())));
        properties.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection(url, properties);
    }}
