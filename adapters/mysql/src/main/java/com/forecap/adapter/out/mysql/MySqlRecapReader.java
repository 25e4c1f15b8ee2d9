package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import com.forecap.application.cache.port.out.ReadRecapsPort;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.domain.user.UserId;

/**
 * Reads recaps in bulk with keyset pagination: by id window for a range, and by
 * {@code (trx_count, user_id)} descending (the {@code idx_trx_count} index) for the most active users.
 */
public final class MySqlRecapReader implements ReadRecapsPort {

    private static final String BY_RANGE = "SELECT user_id, " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE
            + " WHERE user_id BETWEEN ? AND ? ORDER BY user_id";
    private static final String TOP_FIRST = "SELECT user_id, " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE
            + " ORDER BY trx_count DESC, user_id DESC LIMIT ?";
    private static final String TOP_NEXT = "SELECT user_id, " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE
            + " WHERE trx_count < ? OR (trx_count = ? AND user_id < ?) ORDER BY trx_count DESC, user_id DESC LIMIT ?";

    private final MySqlConnections connections;
    private final RecapJsonPort json;
    private final MalformedListLog malformed = new MalformedListLog();

    /**
     * Creates the reader.
     *
     * @param connections a pool
     * @param json        the JSON codec for the list columns
     */
    public MySqlRecapReader(MySqlConnections connections, RecapJsonPort json) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public void readRange(IdRange range, int batchSize, Consumer<List<StoredRecap>> batches) {
        try (Connection connection = connections.connection(); PreparedStatement statement = connection.prepareStatement(BY_RANGE)) {
            for (IdRange window : range.chunks(batchSize)) {
                statement.setLong(1, window.first());
                statement.setLong(2, window.last());
                List<StoredRecap> batch = read(statement, batchSize);
                if (!batch.isEmpty()) {
                    batches.accept(batch);
                }
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure("read users " + range, e);
        }
    }

    @Override
    public void readTopByTrxCount(long count, int batchSize, Consumer<List<StoredRecap>> batches) {
        try (Connection connection = connections.connection();
             PreparedStatement first = connection.prepareStatement(TOP_FIRST);
             PreparedStatement next = connection.prepareStatement(TOP_NEXT)) {
            long left = count;
            long lastTrx = -1;
            long lastId = -1;
            while (left > 0) {
                int limit = (int) Math.min(batchSize, left);
                PreparedStatement statement;
                if (lastId < 0) {
                    statement = first;
                    statement.setInt(1, limit);
                } else {
                    statement = next;
                    statement.setLong(1, lastTrx);
                    statement.setLong(2, lastTrx);
                    statement.setLong(3, lastId);
                    statement.setInt(4, limit);
                }
                List<StoredRecap> batch = read(statement, limit);
                if (batch.isEmpty()) {
                    return;
                }
                StoredRecap last = batch.get(batch.size() - 1);
                lastTrx = last.recap().trxCount();
                lastId = last.userId().value();
                left -= batch.size();
                batches.accept(batch);
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw failure("read the most active users", e);
        }
    }

    private List<StoredRecap> read(PreparedStatement statement, int expected) throws Exception {
        List<StoredRecap> batch = new ArrayList<>(expected);
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong("user_id");
                batch.add(new StoredRecap(UserId.of(id), RecapColumns.map(rows::getObject, json, malformed.forUser(id))));
            }
        }
        return batch;
    }

    private StoreException failure(String operation, Exception e) {
        return new StoreException(MySqlException.explain(connections.settings(), operation, e)
                .getMessage(), e);
    }
}
