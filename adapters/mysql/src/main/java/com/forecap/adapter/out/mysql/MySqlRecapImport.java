package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.LongSupplier;

import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort;
import com.forecap.application.shared.port.out.StoreException;

/**
 * Imported users into {@code user_recap_data}: each chunk is one {@code LOAD DATA LOCAL INFILE … REPLACE}
 * statement fed from a stream formatted as the server reads it, and the import's progress row in
 * {@value #PROGRESS} is updated in the same transaction, so after an interruption the table and the
 * progress row agree: a chunk is either stored and counted, or neither.
 */
public final class MySqlRecapImport implements StoreImportedRecapsPort {

    /** The table that remembers how far each import got. */
    public static final String PROGRESS = "forecap_import_progress";
    private static final String CREATE_PROGRESS = "CREATE TABLE IF NOT EXISTS " + PROGRESS + " ("
            + "import_key CHAR(64) NOT NULL PRIMARY KEY, source VARCHAR(1000) NOT NULL, "
            + "rows_done BIGINT UNSIGNED NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP "
            + "ON UPDATE CURRENT_TIMESTAMP) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4";
    private static final String LOAD = RecapColumns.loadData("forecap-import.tsv", "REPLACE");
    private static final String RECORD = "INSERT INTO " + PROGRESS + " (import_key, source, rows_done) VALUES (?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE rows_done = VALUES(rows_done), source = VALUES(source)";

    private final MySqlConnections connections;
    private volatile boolean tableChecked;

    /**
     * Creates the store.
     *
     * @param connections a tools pool ({@link MySqlConnections#forTools})
     */
    public MySqlRecapImport(MySqlConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public long committedRows(String importKey, String source) {
        try (Connection connection = connections.connection()) {
            ensureProgressTable(connection);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT rows_done FROM " + PROGRESS + " WHERE import_key = ?")) {
                statement.setString(1, importKey);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0;
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw failure("read the import's progress", e);
        }
    }

    private void ensureProgressTable(Connection connection) throws SQLException {
        if (!tableChecked) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_PROGRESS);
            }
            tableChecked = true;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The statement and the progress row run in an explicit transaction committed only when every
     * row of the chunk was produced; on any failure the connection is discarded, so the server rolls
     * back.
     */
    @Override
    public long replace(String importKey, String source, Iterator<ImportedRecap> recaps, LongSupplier rowsDone) {
        TsvRecapStream rows = new TsvRecapStream(recaps);
        try {
            rows.loadInTransaction(connections, LOAD, this::ensureProgressTable, connection -> {
                if (rows.failure() != null) {
                    throw rows.failure();
                }
                try (PreparedStatement record = connection.prepareStatement(RECORD)) {
                    record.setString(1, importKey);
                    record.setString(2, source.length() > 1000 ? source.substring(source.length() - 1000) : source);
                    record.setLong(3, rowsDone.getAsLong());
                    record.executeUpdate();
                }
            });
            return rows.rows();
        } catch (SQLException | RuntimeException e) {
            if (rows.failure() != null) {
                if (rows.failure() instanceof StoreException || rows.failure() instanceof UnreadableFileException) {
                    throw rows.failure();
                }
                throw new StoreException("reading the file failed, the current chunk was not stored: "
                        + rows.failure().getMessage(), rows.failure());
            }
            throw failure("load users", e);
        }
    }

    @Override
    public void finished(String importKey) {
        try (Connection connection = connections.connection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM " + PROGRESS + " WHERE import_key = ?")) {
            ensureProgressTable(connection);
            statement.setString(1, importKey);
            statement.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw failure("record the import's end", e);
        }
    }

    private StoreException failure(String operation, Exception e) {
        return new StoreException(MySqlException.explain(connections.settings(), operation, e).getMessage(), e);
    }
}
