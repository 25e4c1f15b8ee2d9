package com.forecap.bootstrap.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.forecap.bootstrap.JarProcess;

/**
 * A {@code mariadbd} of the test's own, with grant checks on (root with an empty password on loopback),
 * its own data directory and a free port, started with extra options (TLS, binary log, server id) and
 * killed by the test; the shared server is never touched.
 */
final class PrivateMariaDbServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(40);

    private final Path directory;
    private final int port;
    private final List<String> options;
    private Process process;

    private PrivateMariaDbServer(Path directory, int port, List<String> options) {
        this.directory = directory;
        this.port = port;
        this.options = options;
    }

    /**
     * Initialises a data directory and starts the server.
     *
     * @param adminUrlOptions JDBC options the administrative connection needs (e.g. {@code sslMode=REQUIRED})
     * @param options         extra {@code mariadbd} options
     * @return the running server
     */
    static PrivateMariaDbServer start(String adminUrlOptions, String... options) {
        Engines.require("mariadbd", "mariadb-server");
        try {
            Path directory = Files.createTempDirectory("forecap-mariadb-");
            Engines.output(directory, Duration.ofSeconds(90), "mariadb-install-db", "--no-defaults",
                    "--datadir=" + directory.resolve("data"), "--user=" + System.getProperty("user.name"),
                    "--auth-root-authentication-method=normal", "--skip-test-db");
            PrivateMariaDbServer server = new PrivateMariaDbServer(directory, JarProcess.freePort(), List.of(options));
            server.adminOptions = adminUrlOptions;
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String adminOptions = "sslMode=DISABLED";

    int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL). */
    void kill() {
        Engines.kill(process);
    }

    /** Starts (again) on the same port and data and waits until root can connect. */
    void restart() {
        kill();
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + directory.resolve("data"),
                "--port=" + port, "--socket=" + directory.resolve("mysqld.sock"),
                "--user=" + System.getProperty("user.name"), "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                "--local-infile=1", "--pid-file=" + directory.resolve("mysqld.pid")));
        if (options.stream().noneMatch(option -> option.startsWith("--bind-address"))) {
            command.add("--bind-address=127.0.0.1");
        }
        command.addAll(options);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mariadbd", e);
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection ignored = admin()) {
                return;
            } catch (SQLException e) {
                last = e;
                Engines.pause(100);
            }
        }
        String log;
        try {
            log = Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            log = "(no log)";
        }
        throw new IllegalStateException("mariadbd on port " + port + " did not accept connections within " + START_LIMIT
                + ": " + last + "\n" + log.substring(Math.max(0, log.length() - 3000)));
    }

    /**
     * A root connection.
     *
     * @return the connection
     * @throws SQLException when the server does not accept it
     */
    Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?connectTimeout=10000&allowPublicKeyRetrieval=true&"
                + adminOptions, "root", "");
    }

    /**
     * Runs statements as root.
     *
     * @param statements the statements
     */
    void execute(String... statements) {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * A single number from a query run as root.
     *
     * @param sql the query
     * @return the first column of the first row
     */
    long number(String sql) {
        try (Connection connection = admin(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        kill();
        Engines.delete(directory);
    }
}
