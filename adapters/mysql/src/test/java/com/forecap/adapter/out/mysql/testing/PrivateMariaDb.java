package com.forecap.adapter.out.mysql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.forecap.adapter.out.mysql.MySqlSettings;

/**
 * A {@code mariadbd} of the test's own (fresh data directory, free loopback port, no grant checks) that
 * the test may kill and restart; the shared server is never touched.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /**
     * Creates a data directory and starts the server.
     *
     * @return the running server
     */
    public static PrivateMariaDb start() {
        try {
            Path directory = Files.createTempDirectory("forecap-mariadb-");
            Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + directory.resolve("data"),
                    "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal", "--skip-test-db")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("install.log").toFile()).start();
            if (!install.waitFor(60, TimeUnit.SECONDS) || install.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed, see " + directory.resolve("install.log"));
            }
            PrivateMariaDb server = new PrivateMariaDb(directory, freePort());
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Settings for a database on this server.
     *
     * @param database the database
     * @param poolSize pool size
     * @return the settings
     */
    public MySqlSettings settings(String database, int poolSize) {
        return MySqlSettings.of("127.0.0.1", port, database, "DISABLED", "root", "", poolSize, Duration.ofMillis(500),
                Duration.ofSeconds(5));
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts (again) on the same port and data, and waits until it accepts connections (at most 30 s). */
    public void restart() {
        kill();
        try {
            process = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + directory.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("mysqld.sock"),
                    "--user=" + System.getProperty("user.name"), "--skip-grant-tables", "--skip-log-bin",
                    "--innodb-buffer-pool-size=32M", "--local-infile=1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mariadbd", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED",
                    "root", "")) {
                return;
            } catch (Exception notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("mariadbd on port " + port + " did not accept connections within 30 s");
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leave the temporary directory behind
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
