package com.forecap.adapter.out.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned schema scripts ({@code db/migration/V<n>__<description>.sql}, listed in
 * {@code db/migration/index.txt}) in order, once each, recording them in {@code forecap_schema_history}
 * with a checksum; creates the database first when it does not exist. The same scripts initialise the
 * compose stack's MySQL.
 */
public final class MySqlSchema {

    /** Where the scripts are, on the classpath. */
    public static final String LOCATION = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    private static final String HISTORY = "CREATE TABLE IF NOT EXISTS forecap_schema_history ("
            + "version INT NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, "
            + "applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE = InnoDB";

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
     * One script.
     *
     * @param version     its version
     * @param description what it does
     * @param sql         its text
     */
    public record Migration(int version, String description, String sql) {
        /**
         * SHA-256 of the text.
         *
         * @return hex digest
         */
        public String checksum() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The scripts shipped with this build, by version.
     *
     * @return the migrations in order
     */
    public static List<Migration> migrations() {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        for (String file : resource("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher name = NAME.matcher(file);
            if (!name.matches()) {
                throw new IllegalStateException("migration file name must look like V1__description.sql: " + file);
            }
            int version = Integer.parseInt(name.group(1));
            if (byVersion.put(version, new Migration(version, name.group(2).replace('_', ' '), resource(file))) != null) {
                throw new IllegalStateException("two migrations with version " + version);
            }
        }
        return List.copyOf(byVersion.values());
    }

    /**
     * Applies every script not applied yet.
     *
     * @return the versions applied by this call (empty when up to date)
     * @throws MySqlException when the server cannot be used or an applied script was changed
     */
    public List<Integer> migrate() {
        createDatabaseIfMissing();
        List<Integer> applied = new ArrayList<>();
        try (Connection connection = connect(settings.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute(HISTORY);
            Map<Integer, String> done = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT version, checksum FROM forecap_schema_history")) {
                while (rows.next()) {
                    done.put(rows.getInt(1), rows.getString(2));
                }
            }
            for (Migration migration : migrations()) {
                String checksum = done.get(migration.version());
                if (checksum != null) {
                    if (!checksum.equals(migration.checksum())) {
                        throw MySqlException.of("schema version " + migration.version()
                                + " was changed after it was applied; add a new version instead");
                    }
                    continue;
                }
                for (String sql : statements(migration.sql())) {
                    statement.execute(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO forecap_schema_history (version, description, checksum) VALUES (?, ?, ?)")) {
                    record.setInt(1, migration.version());
                    record.setString(2, migration.description());
                    record.setString(3, migration.checksum());
                    record.executeUpdate();
                }
                applied.add(migration.version());
            }
            return applied;
        } catch (SQLException e) {
            throw MySqlException.explain(settings, "migrate", e);
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
    }

    /** Splits a script into statements at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String resource(String name) {
        try (InputStream in = MySqlSchema.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + LOCATION + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
