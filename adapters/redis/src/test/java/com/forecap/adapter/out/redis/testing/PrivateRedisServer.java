package com.forecap.adapter.out.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Jedis;

/**
 * A {@code redis-server} of the test's own on a free loopback port, which the test may kill and
 * restart; the shared server on 6379 is never touched.
 */
public final class PrivateRedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private Process process;

    private PrivateRedisServer(int port) {
        this.port = port;
        try {
            this.directory = Files.createTempDirectory("forecap-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server on a free port.
     *
     * @return the running server
     */
    public static PrivateRedisServer start() {
        PrivateRedisServer server = new PrivateRedisServer(freePort());
        server.restart();
        return server;
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
     * {@code 127.0.0.1:port}.
     *
     * @return the node
     */
    public String node() {
        return "127.0.0.1:" + port;
    }

    /** Kills the server at once, as a crash would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts (again) on the same port and waits until it answers, at most 10 s. */
    public void restart() {
        kill();
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 200)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within 10 s");
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
