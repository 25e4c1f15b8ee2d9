package com.forecap.adapter.out.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Natural batching of lookups: requests queue their key, a few sender threads each take every key
 * waiting and look them all up in one round trip. On one server a lookup also takes the entry's lock
 * when the entry is missing, in the same script ({@link #LOOKUP}), so a miss knows at once whether it
 * loads the recap or waits for the instance that does. In a cluster, where a multi-key script would be
 * refused with {@code CROSSSLOT} (entry and lock keys carry no hash tag), the keys are grouped by the
 * node that owns their slot and each group's {@code GET}s are pipelined on one connection of that node,
 * the nodes in parallel; the lock is then taken separately. A key whose slot moved ({@code MOVED}/{@code
 * ASK} during a failover or a resharding) is fetched again alone through the cluster client, which
 * follows the redirection and refreshes its slot map.
 * Under light load a batch holds one key and costs one round trip; under heavy load one round trip
 * serves many requests, which is what a loopback-bound box needs. Nothing waits on a timer: a sender
 * blocks only until a key arrives, a request only until its answer (bounded).
 */
final class RedisGetBatcher implements AutoCloseable {

    /** Most keys in one round trip. */
    static final int MAX_BATCH = 128;
    /** Answer of a lookup on one server: the entry is missing and this lookup took its lock. */
    static final Object LOCKED = new Object();
    /** Answer of a lookup on one server: the entry is missing and another lookup holds its lock. */
    static final Object BUSY = new Object();
    /**
     * For each triple of keys (entry, lock, waiting mark): the entry when it exists, else 1 when the lock
     * was taken with this lookup's token ({@code SET NX PX}), else 0, someone else holding it: then the
     * waiting mark is set, so that the holder's end wakes this waiter (and only then pushes a wake-up).
     * ARGV: lock expiry in milliseconds, then one token per triple.
     */
    private static final byte[] LOOKUP = ("local out = {} "
            + "for i = 1, #KEYS, 3 do "
            + "local v = redis.call('get', KEYS[i]) "
            + "if v then out[#out + 1] = v "
            + "elseif redis.call('set', KEYS[i + 1], ARGV[(i - 1) / 3 + 2], 'NX', 'PX', ARGV[1]) then out[#out + 1] = 1 "
            + "else redis.call('set', KEYS[i + 2], '1', 'PX', ARGV[1]) out[#out + 1] = 0 end "
            + "end return out").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final UnifiedJedis redis;
    private final boolean cluster;
    private final byte[] lockMillis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean open = true;
    private final java.util.concurrent.atomic.AtomicLong lastRenewal = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    RedisGetBatcher(UnifiedJedis redis, boolean cluster, long lockMillis, int senders) {
        this.redis = redis;
        this.cluster = cluster;
        this.lockMillis = Long.toString(lockMillis).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < senders; i++) {
            this.senders.add(Thread.ofVirtual().name("redis-get-batcher-" + i).start(this::send));
        }
    }

    /**
     * Looks one entry up and, on one server, takes its lock when it is missing.
     *
     * @param key          the entry's key
     * @param lock         its lock's key
     * @param waiting      its waiting mark's key
     * @param token        the value the lock is taken with
     * @param timeoutNanos longest wait for the answer, in nanoseconds
     * @return the entry's value; else {@link #LOCKED} or {@link #BUSY} on one server, {@code null} in a
     *         cluster (where the lock is not tried)
     * @throws JedisException when Redis failed or did not answer in time
     */
    Object lookup(byte[] key, byte[] lock, byte[] waiting, byte[] token, long timeoutNanos) {
        Pending pending = new Pending(key, lock, waiting, token, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JedisException failure) {
                throw failure;
            }
            throw new JedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new JedisException("no answer from Redis within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JedisException("interrupted while waiting for Redis");
        }
    }

    private void send() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (open) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<?> values = fetch(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).answer.complete(values.get(i));
                }
            } catch (RuntimeException e) {
                for (Pending pending : batch) {
                    pending.answer.completeExceptionally(e);
                }
            }
            batch.clear();
        }
    }

    private List<?> fetch(List<Pending> batch) {
        if (!cluster) {
            List<byte[]> keys = new ArrayList<>(3 * batch.size());
            List<byte[]> args = new ArrayList<>(1 + batch.size());
            args.add(lockMillis);
            for (Pending pending : batch) {
                keys.add(pending.key);
                keys.add(pending.lock);
                keys.add(pending.waiting);
                args.add(pending.token);
            }
            List<?> replies = (List<?>) redis.eval(LOOKUP, keys, args);
            List<Object> answers = new ArrayList<>(replies.size());
            for (Object reply : replies) {
                answers.add(reply instanceof byte[] ? reply : Long.valueOf(1).equals(reply) ? LOCKED : BUSY);
            }
            return answers;
        }
        if (batch.size() == 1) {
            return java.util.Collections.singletonList(redis.get(batch.get(0).key));
        }
        if (redis instanceof RedisConnections.ClusterClient clusterClient) {
            return fetchFromCluster(clusterClient, batch);
        }
        List<Response<byte[]>> responses = new ArrayList<>(batch.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Pending pending : batch) {
                responses.add(pipeline.get(pending.key));
            }
            pipeline.sync();
        }
        List<byte[]> values = new ArrayList<>(responses.size());
        for (Response<byte[]> response : responses) {
            values.add(response.get());
        }
        return values;
    }

    /** One pipelined round trip per node, the nodes in parallel; redirected keys again one by one. */
    private List<byte[]> fetchFromCluster(RedisConnections.ClusterClient client, List<Pending> batch) {
        ClusterConnectionProvider provider = client.provider();
        Map<HostAndPort, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            HostAndPort node = provider.getNode(JedisClusterCRC16.getSlot(batch.get(i).key));
            byNode.computeIfAbsent(node, any -> new ArrayList<>()).add(i);
        }
        Object[] answers = new Object[batch.size()];
        if (byNode.size() == 1) {
            Map.Entry<HostAndPort, List<Integer>> only = byNode.entrySet().iterator().next();
            fetchFromNode(client, only.getKey(), only.getValue(), batch, answers);
        } else {
            List<Thread> workers = new ArrayList<>(byNode.size());
            List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            byNode.forEach((node, indexes) -> workers.add(Thread.ofVirtual().start(() -> {
                try {
                    fetchFromNode(client, node, indexes, batch, answers);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            })));
            try {
                for (Thread worker : workers) {
                    worker.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JedisException("interrupted while reading from Redis");
            }
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        }
        List<byte[]> values = new ArrayList<>(answers.length);
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] instanceof JedisDataException) {
                // MOVED, ASK or TRYAGAIN: the cluster client follows it and refreshes its slot map
                values.add(redis.get(batch.get(i).key));
            } else {
                values.add((byte[]) answers[i]);
            }
        }
        return values;
    }

    private void fetchFromNode(RedisConnections.ClusterClient client, HostAndPort node, List<Integer> indexes,
                               List<Pending> batch, Object[] answers) {
        try (Connection connection = client.provider().getConnection(node)) {
            for (int index : indexes) {
                connection.sendCommand(Protocol.Command.GET, batch.get(index).key);
            }
            List<Object> replies = connection.getMany(indexes.size());
            for (int i = 0; i < indexes.size(); i++) {
                answers[indexes.get(i)] = replies.get(i);
            }
        } catch (JedisConnectionException e) {
            renewSlotsAfterFailure(client);
            throw e;
        }
    }

    /** A node failed: re-read the slot map (at most once a second), so that a promoted replica is used soon. */
    private void renewSlotsAfterFailure(RedisConnections.ClusterClient client) {
        long now = System.nanoTime();
        long last = lastRenewal.get();
        if (now - last > TimeUnit.SECONDS.toNanos(1) && lastRenewal.compareAndSet(last, now)) {
            try {
                client.provider().renewSlotCache();
            } catch (RuntimeException e) {
                // no node answers yet; the next failure or the periodic refresh tries again
            }
        }
    }

    @Override
    public void close() {
        open = false;
        senders.forEach(Thread::interrupt);
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.answer.completeExceptionally(new JedisException("cache closed"));
        }
    }

    private record Pending(byte[] key, byte[] lock, byte[] waiting, byte[] token, CompletableFuture<Object> answer) {
    }
}
