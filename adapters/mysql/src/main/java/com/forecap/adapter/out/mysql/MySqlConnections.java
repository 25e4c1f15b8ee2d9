package com.forecap.adapter.out.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A HikariCP pool of Connector/J connections, tuned for short primary-key reads (server-side prepared
 * statements, cached, no per-call metadata), plus its numbers for metrics and a bounded ping.
 */
public final class MySqlConnections implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final MySqlSettings settings;

    private MySqlConnections(HikariDataSource dataSource, MySqlSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * A pool for serving: it starts even when the server is down (and connects once it is up), every
     * wait is bounded.
     *
     * @param settings where and how
     * @return the pool
     */
    public static MySqlConnections forServing(MySqlSettings settings) {
        HikariConfig config = base(settings, "forecap-serving");
        config.setMinimumIdle(settings.poolSize());
        config.setInitializationFailTimeout(-1);
        cacheStatements(config);
        return new MySqlConnections(new HikariDataSource(config), settings);
    }

    /**
     * A pool for serving that stays small until it is used: the writer's pool behind a read replica,
     * which serves only while the replica cannot.
     *
     * @param settings where and how
     * @return the pool
     */
    public static MySqlConnections forFallback(MySqlSettings settings) {
        HikariConfig config = base(settings, "forecap-fallback");
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(-1);
        cacheStatements(config);
        return new MySqlConnections(new HikariDataSource(config), settings);
    }

    /** Server-side prepared statements, prepared once per connection and kept, for the serving pools. */
    private static void cacheStatements(HikariConfig config) {
        config.addDataSourceProperty("useServerPrepStmts", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "32");
        // the recap SELECT is 342 characters: above the default limit of 256 it was never cached and was
        // prepared anew on every read
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        config.addDataSourceProperty("cacheResultSetMetadata", "true");
    }

    /**
     * A small pool for tools (generator, verify, migrate): it fails at once when the server cannot be
     * reached or refuses the credentials, and allows streaming {@code LOAD DATA LOCAL}.
     *
     * @param settings where and how
     * @param size     connections
     * @return the pool
     * @throws MySqlException with a one-line explanation when the server cannot be used
     */
    public static MySqlConnections forTools(MySqlSettings settings, int size) {
        HikariConfig config = base(settings, "forecap-tools");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(settings.connectionTimeout().toMillis(), 10_000));
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("allowLoadLocalInfile", "true");
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("socketTimeout", "0");
        try {
            return new MySqlConnections(new HikariDataSource(config), settings);
        } catch (RuntimeException e) {
            throw MySqlException.explain(settings, "connect", e);
        }
    }

    private static HikariConfig base(MySqlSettings settings, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Math.max(250, settings.connectionTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.connectionTimeout().toMillis(), 5_000)));
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1_000, settings.connectionTimeout().toMillis())));
        config.addDataSourceProperty("socketTimeout", Long.toString(settings.queryTimeout().toMillis()));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("allowPublicKeyRetrieval", "true");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("elideSetAutoCommits", "true");
        config.addDataSourceProperty("maintainTimeStats", "false");
        return config;
    }

    /**
     * A connection from the pool; close it to give it back.
     *
     * @return the connection
     * @throws SQLException when none is available in time or the server fails
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Opens the pool to its full size and runs a statement once on every connection, so that each holds
     * its server-side prepared statement (the pool caches them per connection) before traffic comes.
     *
     * @param sql      a statement with one {@code ?}
     * @param argument its value
     * @return connections prepared
     * @throws SQLException when a connection cannot be opened or the statement fails
     */
    public int prepareEach(String sql, long argument) throws SQLException {
        List<Connection> held = new ArrayList<>(settings.poolSize());
        SQLException failure = null;
        try {
            for (int i = 0; i < settings.poolSize(); i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, argument);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            // drained: the answer itself is not wanted
                        }
                    }
                }
            }
            return held.size();
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            for (Connection connection : held) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    if (failure != null) {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
    }

    /**
     * Closes a borrowed connection for good instead of returning it to the pool, so that the server
     * rolls back whatever it had not committed and nobody reuses a connection in an unknown state.
     *
     * @param connection a connection from {@link #connection()}
     */
    public void discard(Connection connection) {
        dataSource.evictConnection(connection);
    }

    /**
     * The settings the pool was made with.
     *
     * @return the settings
     */
    public MySqlSettings settings() {
        return settings;
    }

    /**
     * Connections open now.
     *
     * @return the count
     */
    public int total() {
        var pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getTotalConnections();
    }

    /**
     * Connections lent out now.
     *
     * @return the count
     */
    public int active() {
        var pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getActiveConnections();
    }

    /**
     * Connections waiting in the pool now.
     *
     * @return the count
     */
    public int idle() {
        var pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getIdleConnections();
    }

    /**
     * Checks the server answers, within the pool's connection timeout plus {@code timeout}.
     *
     * @param timeout how long the server may take to answer
     * @return {@code null} when it answered, else a one-line reason
     */
    public String ping(Duration timeout) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid((int) Math.max(1, timeout.toSeconds())) ? null : "no answer within " + timeout;
        } catch (SQLException e) {
            return MySqlException.explain(settings, "ping", e).getMessage();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
