package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.out.InspectTestDataPort;
import com.forecap.application.testdata.port.out.StoreTestDataPort;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;

/**
 * Bulk storage and checks of the synthetic data set in {@code user_recap_data}. A range is written by
 * one {@code LOAD DATA LOCAL INFILE … IGNORE} statement fed from a stream that generates rows as the
 * server reads them: one statement is one transaction, so a range is stored whole or not at all, and
 * rows already present are skipped, never duplicated.
 */
public final class MySqlTestDataStore implements StoreTestDataPort, InspectTestDataPort {

    private static final String LOAD = RecapColumns.loadData("forecap-synthetic.tsv", "IGNORE");
    private static final String COUNT_PER_CHUNK = "SELECT (user_id - 1) DIV ? AS chunk, COUNT(*) FROM "
            + RecapColumns.TABLE + " WHERE user_id BETWEEN ? AND ? GROUP BY chunk";
    private static final String TOTALS = "SELECT COUNT(*), COALESCE(MAX(user_id), 0) FROM " + RecapColumns.TABLE;
    /** Users per count; {@link TrxRange} puts the counts in the guide's ranges. */
    private static final String PER_TRX_COUNT = "SELECT trx_count, COUNT(*) FROM " + RecapColumns.TABLE
            + " GROUP BY trx_count";
    private static final int MAX_FIND = 1_000;

    private final MySqlConnections connections;
    private final RecapJsonPort json;

    /**
     * Creates the store.
     *
     * @param connections a tools pool ({@link MySqlConnections#forTools})
     * @param json        the JSON codec for the list columns
     */
    public MySqlTestDataStore(MySqlConnections connections, RecapJsonPort json) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public Map<Long, Long> countPerChunk(IdRange range, long chunkSize) {
        try (Connection connection = connections.connection();
             PreparedStatement statement = connection.prepareStatement(COUNT_PER_CHUNK)) {
            statement.setLong(1, chunkSize);
            statement.setLong(2, range.first());
            statement.setLong(3, range.last());
            Map<Long, Long> counts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getLong(1), rows.getLong(2));
                }
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            throw failure("count existing users", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The statement runs in an explicit transaction that is committed only when every row of the
     * range was produced; on any failure the connection is discarded, so the server rolls back.
     */
    @Override
    public void write(IdRange range, Iterator<UserRecap> recaps) {
        TsvRecapStream rows = new TsvRecapStream(range.first(), recaps);
        try {
            rows.loadInTransaction(connections, LOAD, connection -> { }, connection -> {
                if (rows.failure() != null || rows.rows() != range.size()) {
                    throw new IllegalStateException("produced " + rows.rows() + " rows instead of " + range.size());
                }
            });
        } catch (SQLException | RuntimeException e) {
            if (rows.failure() != null) {
                throw new StoreException("generating users " + range + " failed, nothing of it was stored: "
                        + rows.failure().getMessage(), rows.failure());
            }
            throw failure("load users " + range, e);
        }
    }

    @Override
    public void truncate() {
        try (Connection connection = connections.connection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE TABLE " + RecapColumns.TABLE);
        } catch (SQLException | RuntimeException e) {
            throw failure("truncate " + RecapColumns.TABLE, e);
        }
    }

    @Override
    public Totals totals() {
        try (Connection connection = connections.connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(TOTALS)) {
            rows.next();
            return new Totals(rows.getLong(1), rows.getLong(2));
        } catch (SQLException | RuntimeException e) {
            throw failure("count users", e);
        }
    }

    @Override
    public Map<TrxRange, Long> countPerTrxRange() {
        try (Connection connection = connections.connection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(PER_TRX_COUNT)) {
            Map<TrxRange, Long> counts = new EnumMap<>(TrxRange.class);
            while (rows.next()) {
                counts.merge(TrxRange.of(rows.getLong(1)), rows.getLong(2), Long::sum);
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            throw failure("count users per trx range", e);
        }
    }

    @Override
    public Map<Long, UserRecap> find(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        if (userIds.size() > MAX_FIND) {
            throw new IllegalArgumentException("at most " + MAX_FIND + " users at a time");
        }
        String sql = "SELECT user_id, " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE + " WHERE user_id IN ("
                + String.join(", ", Collections.nCopies(userIds.size(), "?")) + ")";
        try (Connection connection = connections.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < userIds.size(); i++) {
                statement.setLong(i + 1, userIds.get(i));
            }
            Map<Long, UserRecap> found = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getLong("user_id"), RecapColumns.map(rows::getObject, json, RecapColumns.MalformedLists.IGNORE));
                }
            }
            return found;
        } catch (Exception e) {
            throw failure("read sample users", e);
        }
    }

    private StoreException failure(String operation, Exception e) {
        return new StoreException(MySqlException.explain(connections.settings(), operation, e).getMessage(), e);
    }
}
