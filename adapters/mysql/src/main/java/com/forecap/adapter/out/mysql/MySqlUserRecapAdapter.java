package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.RecordQueryMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * Loads a recap by primary key with one prepared statement (server-side, cached per pooled connection),
 * maps the row (list columns checked, kept as stored) and encodes it once. Plain JDBC on the pool: the
 * read is one statement, and a layer above it cost CPU and compile time on every miss
 * (perf-tests/results/2026-12-04-first-seconds.md). Failures of the database become
 * {@link RecapStoreUnavailableException}; malformed rows become {@link IllegalStateException}.
 *
 * <p>Reads are admitted by waiting time ({@link WaitBudget}): a read waits its turn for a connection up to
 * the wait budget and is refused (503) only when it cannot start within it, at once when its
 * predicted wait already exceeds it. A circuit breaker turns a database
 * that fails or stalls into immediate refusals until a probe succeeds, so that requests for users no
 * cache holds get a fast 503 while cached users keep being served.
 */
public final class MySqlUserRecapAdapter implements LoadUserRecapPort, CheckHealthPort, AutoCloseable {

    private static final String SELECT_SQL = "SELECT " + RecapColumns.SELECT_LIST + " FROM " + RecapColumns.TABLE
            + " WHERE user_id = ?";
    /** The columns a read returns, in order: every recap column but the id. */
    private static final List<String> COLUMNS = RecapColumns.ALL.subList(1, RecapColumns.ALL.size());
    private static final Map<String, Integer> COLUMN_INDEX = index(COLUMNS);

    /**
     * A recap row the server computes from a JSON document ({@code JSON_TABLE}, MariaDB 10.6+ and MySQL 8),
     * in the table's columns with the table's types (so the driver decodes it as it decodes a user's row),
     * reading no table: the start-up warm-up runs the driver's row decoding and this adapter's mapping
     * without touching a user's row.
     */
    private static final String WARM_UP_SQL = RecapColumns.jsonTableSelect();
    /** How long a health check waits for the database. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    /** The id no user has: the data set's ids start at 1, the service refuses 0. */
    private static final long ABSENT_USER = 0;

    private final MySqlConnections connections;
    private final RecapJsonPort json;
    private final RecordQueryMetricsPort observer;
    private final WaitBudget admission;
    private final CircuitBreaker breaker;
    private final MalformedListLog malformedLists = new MalformedListLog();

    /**
     * Creates the adapter over a pool with a wait budget of its own.
     *
     * @param connections the pool
     * @param json        the JSON codec
     * @param observer    receives query durations
     * @param waitBudget  longest wait of a read for its turn on a connection
     */
    public MySqlUserRecapAdapter(MySqlConnections connections, RecapJsonPort json, RecordQueryMetricsPort observer,
                                 Duration waitBudget) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.admission = new WaitBudget(connections.settings().poolSize(), waitBudget);
        this.breaker = CircuitBreaker.of("mysql", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(2))
                .permittedNumberOfCallsInHalfOpenState(3)
                // every other failure of a read counts against MySQL
                .ignoreExceptions(WaitBudget.Refused.class, RecapStoreUnavailableException.class)
                .writableStackTraceEnabled(false)
                .build());
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        Optional<Object[]> row;
        try {
            row = breaker.executeSupplier(() -> read(SELECT_SQL, userId.value()));
        } catch (CallNotPermittedException e) {
            throw new RecapStoreUnavailableException("MySQL circuit is open after recent failures", null);
        } catch (WaitBudget.Refused e) {
            throw new RecapStoreUnavailableException(e.getMessage(), null);
        } catch (ReadFailure e) {
            throw new RecapStoreUnavailableException("MySQL read of user " + userId + " failed: " + e.getMessage(),
                    e.getCause());
        }
        return row.map(found -> encode(userId.value(), found));
    }

    /**
     * Fills the pool to its size and prepares the recap statement on every connection, by reading
     * {@code user_id} 0, which no user has (ids start at 1): the connects and prepares are paid before
     * traffic, and no user's row is read.
     *
     * @return connections open and prepared
     * @throws RecapStoreUnavailableException when MySQL cannot be reached
     */
    public int prepareConnections() {
        try {
            return connections.prepareEach(SELECT_SQL, ABSENT_USER);
        } catch (SQLException e) {
            throw new RecapStoreUnavailableException(MySqlException.explain(settings(), "prepare", e).getMessage(), e);
        }
    }

    /**
     * The start-up warm-up's read: the recap row the server computes from a document in the recap's JSON
     * form (no table is read), through the same admission, circuit breaker, driver, row mapping and
     * encoding as a user's read, with this adapter's metrics.
     *
     * @param id     the id the row stands for (for the malformed-list log only)
     * @param recap  the row's values, as the service's JSON of a recap (absent fields are NULL)
     * @return the encoded recap
     * @throws RecapStoreUnavailableException when MySQL cannot answer
     */
    public EncodedRecap loadWarmUpRecap(long id, String recap) {
        Optional<Object[]> row;
        try {
            row = breaker.executeSupplier(() -> read(WARM_UP_SQL, recap));
        } catch (CallNotPermittedException | WaitBudget.Refused | ReadFailure e) {
            throw new RecapStoreUnavailableException("MySQL warm-up read failed: " + e.getMessage(), null);
        }
        return encode(id, row.orElseThrow(() -> new IllegalStateException("the warm-up row came back empty")));
    }

    /**
     * One read, inside the breaker: a turn refused by the budget is ignored by it, a failed query counts.
     * The row's columns come back in {@link RecapColumns#ALL} order, without the id.
     */
    private Optional<Object[]> read(String sql, Object parameter) {
        long entered;
        try {
            entered = admission.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecapStoreUnavailableException("interrupted while waiting for MySQL", e);
        }
        long start = System.nanoTime();
        try {
            return query(sql, parameter);
        } finally {
            admission.leave(entered);
            observer.queryCompleted("select", RecapColumns.TABLE, System.nanoTime() - start);
        }
    }

    /** {@inheritDoc} Pings the database; reports the server, database, pool and circuit. */
    @Override
    public ComponentHealth check() {
        String failure = ping();
        if (failure != null) {
            return ComponentHealth.down(failure);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", "mysql");
        details.put("server", settings().server());
        details.put("database", settings().database());
        details.put("pool", pool());
        details.put("circuit", circuitState());
        return ComponentHealth.up(details);
    }

    /** Pings the database within the health timeout; {@code null} when it answers, else why not. */
    String ping() {
        return connections.ping(HEALTH_TIMEOUT);
    }

    MySqlSettings settings() {
        return connections.settings();
    }

    String pool() {
        return connections.active() + " active / " + connections.total() + " open";
    }

    /**
     * The circuit breaker's state, for health: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}.
     *
     * @return the state
     */
    public String circuitState() {
        return breaker.getState().name();
    }

    /**
     * Reads refused because they could not start within the wait budget, since start.
     *
     * @return the count
     */
    public long refusedReads() {
        return admission.refusedAtOnce() + admission.refusedAfterWaiting();
    }

    private Optional<Object[]> query(String sql, Object parameter) {
        Connection connection;
        try {
            connection = connections.connection();
        } catch (SQLException e) {
            throw new ReadFailure(MySqlException.explain(connections.settings(), "connect", e).getMessage(), e);
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter instanceof Long id) {
                statement.setLong(1, id);
            } else {
                statement.setString(1, (String) parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Object[] values = new Object[COLUMNS.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getObject(i + 1);
                }
                return Optional.of(values);
            }
        } catch (SQLException e) {
            throw new ReadFailure(e.getMessage(), e);
        }
    }

    private EncodedRecap encode(long userId, Object[] row) {
        try {
            return json.encode(RecapColumns.map(column -> row[COLUMN_INDEX.get(column)], json,
                    malformedLists.forUser(userId)));
        } catch (Exception e) {
            throw new IllegalStateException("malformed recap row: " + e.getMessage(), e);
        }
    }

    /** Nothing of its own to close: the pool belongs to the caller. */
    @Override
    public void close() {
        // the connections are the caller's
    }

    private static Map<String, Integer> index(List<String> columns) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        return Map.copyOf(index);
    }

    /** A failed read (connect or query), counted by the breaker. */
    private static final class ReadFailure extends RuntimeException {
        ReadFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
