package com.forecap.adapter.out.mysql;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import com.forecap.application.port.in.RecapUnavailableException;
import com.forecap.application.port.out.LoadUserRecapPort;
import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/**
 * Loads a recap by primary key through Helidon's JDBC DbClient with one named, prepared statement, maps
 * the row (JSON columns parsed once) and encodes it once. Failures of the database become
 * {@link RecapUnavailableException}; malformed rows become {@link IllegalStateException}.
 */
public final class MySqlUserRecapAdapter implements LoadUserRecapPort, AutoCloseable {

    static final String SELECT_RECAP = "select-recap";
    private static final String SELECT_SQL = "SELECT " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE
            + " WHERE user_id = ?";

    private final DbClient db;
    private final RecapJsonPort json;
    private final QueryObserver observer;

    /**
     * Creates the adapter over a pool.
     *
     * @param connections the pool
     * @param json        the JSON codec
     * @param observer    receives query durations
     */
    public MySqlUserRecapAdapter(MySqlConnections connections, RecapJsonPort json, QueryObserver observer) {
        Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
        this.observer = Objects.requireNonNull(observer, "observer");
        JdbcConnectionPool pool = () -> {
            try {
                return connections.connection();
            } catch (SQLException e) {
                throw new DbClientException(MySqlException.explain(connections.settings(), "connect", e).getMessage(), e);
            }
        };
        this.db = JdbcClientBuilder.create()
                .connectionPool(pool)
                .statements(DbStatements.builder().addStatement(SELECT_RECAP, SELECT_SQL).build())
                .build();
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        long start = System.nanoTime();
        Optional<DbRow> row;
        try {
            row = db.execute().namedGet(SELECT_RECAP, userId.value());
        } catch (DbClientException e) {
            throw new RecapUnavailableException("MySQL read of user " + userId + " failed: " + e.getMessage(), e);
        } finally {
            observer.queryCompleted("select", RecapColumns.TABLE, System.nanoTime() - start);
        }
        return row.map(this::encode);
    }

    private EncodedRecap encode(DbRow row) {
        try {
            return json.encode(RecapColumns.map(column -> row.column(column).asOptional().orElse(null), json));
        } catch (Exception e) {
            throw new IllegalStateException("malformed recap row: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
