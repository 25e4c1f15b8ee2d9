package com.forecap.bootstrap.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.forecap.bootstrap.JarProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of the test's own: three masters and three replicas on free loopback ports, node
 * timeout 1 s so that a replica takes over a killed master within a few seconds.
 */
final class PrivateRedisCluster implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final Path directory;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private PrivateRedisCluster(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts six nodes, joins them with {@code redis-cli --cluster create --cluster-replicas 1} and waits
     * until every node reports {@code cluster_state:ok}.
     *
     * @return the cluster
     */
    static PrivateRedisCluster start() {
        Engines.require("redis-server", "redis-server");
        Engines.require("redis-cli", "redis-tools");
        try {
            PrivateRedisCluster cluster = new PrivateRedisCluster(Files.createTempDirectory("forecap-redis-cluster-"));
            try {
                for (int i = 0; i < 6; i++) {
                    cluster.ports.add(JarProcess.freePort());
                }
                for (int i = 0; i < 6; i++) {
                    cluster.processes.add(cluster.startNode(i));
                }
                for (int port : cluster.ports) {
                    awaitPing(port);
                }
                List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
                cluster.nodes().forEach(create::add);
                create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
                Engines.output(cluster.directory, Duration.ofSeconds(60), create.toArray(String[]::new));
                cluster.awaitHealthy(null);
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process startNode(int i) throws IOException {
        Path dir = Files.createDirectories(directory.resolve("node-" + i));
        return new ProcessBuilder("redis-server", "--port", Integer.toString(ports.get(i)), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                "--cluster-node-timeout", "1000", "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    }

    private static void awaitPing(int port) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 200)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Engines.pause(20);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within " + LIMIT);
    }

    /**
     * {@code 127.0.0.1:port} of every node.
     *
     * @return the nodes
     */
    List<String> nodes() {
        return ports.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    /**
     * The port of the master that serves a key now.
     *
     * @param key the key
     * @return the port
     */
    int masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        for (String line : clusterNodes().split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue;
                }
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot + ":\n" + clusterNodes());
    }

    /**
     * The ports of the masters now.
     *
     * @return the ports
     */
    List<Integer> masters() {
        List<Integer> masters = new ArrayList<>();
        for (String line : clusterNodes().split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length >= 9 && fields[2].contains("master") && !fields[2].contains("fail")) {
                masters.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@'))));
            }
        }
        return masters;
    }

    /**
     * Kills one node at once, as a crash would.
     *
     * @param port the node's port
     */
    void kill(int port) {
        Engines.kill(processes.get(ports.indexOf(port)));
    }

    /**
     * Waits until the nodes still running report {@code cluster_state:ok} and three masters serve every slot.
     *
     * @param excluded a node's port to leave out (a killed one), or {@code null}
     */
    void awaitHealthy(Integer excluded) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (int port : ports) {
                if (excluded != null && port == excluded) {
                    continue;
                }
                try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
                    last = jedis.clusterInfo();
                    ok &= last.contains("cluster_state:ok");
                } catch (RuntimeException e) {
                    ok = false;
                    last = e.toString();
                }
            }
            List<Integer> masters = ok ? masters() : List.of();
            if (ok && masters.size() == 3 && (excluded == null || !masters.contains(excluded))) {
                return;
            }
            Engines.pause(100);
        }
        throw new IllegalStateException("the cluster did not become healthy within " + LIMIT + ": " + last);
    }

    private String clusterNodes() {
        RuntimeException failure = null;
        for (int port : ports) {
            if (!processes.get(ports.indexOf(port)).isAlive()) {
                continue;
            }
            try (Jedis jedis = new Jedis("127.0.0.1", port, 500)) {
                return jedis.clusterNodes();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        throw new IllegalStateException("no node answers", failure);
    }

    @Override
    public void close() {
        processes.forEach(Engines::kill);
        Engines.delete(directory);
    }
}
