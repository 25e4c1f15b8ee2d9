package com.forecap.adapter.out.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Natural batching of {@code GET}s: requests queue their key, a few sender threads each take every
 * key waiting and fetch them in one round trip ({@code MGET} on one server, a pipeline in a cluster).
 * Under light load a batch holds one key and costs what a plain {@code GET} costs; under heavy load
 * one round trip serves many requests, which is what a loopback-bound box needs. Nothing waits on a
 * timer: a sender blocks only until a key arrives, a request only until its answer (bounded).
 */
final class RedisGetBatcher implements AutoCloseable {

    /** Most keys in one round trip. */
    static final int MAX_BATCH = 128;

    private final UnifiedJedis redis;
    private final boolean cluster;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean open = true;

    RedisGetBatcher(UnifiedJedis redis, boolean cluster, int senders) {
        this.redis = redis;
        this.cluster = cluster;
        for (int i = 0; i < senders; i++) {
            this.senders.add(Thread.ofVirtual().name("redis-get-batcher-" + i).start(this::send));
        }
    }

    /**
     * Fetches one key.
     *
     * @param key     the key
     * @param timeoutNanos longest wait for the answer, in nanoseconds
     * @return the value, or {@code null} when the key does not exist
     * @throws JedisException when Redis failed or did not answer in time
     */
    byte[] get(byte[] key, long timeoutNanos) {
        Pending pending = new Pending(key, new CompletableFuture<>());
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
                List<byte[]> values = fetch(batch);
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

    private List<byte[]> fetch(List<Pending> batch) {
        if (batch.size() == 1) {
            return java.util.Collections.singletonList(redis.get(batch.get(0).key));
        }
        if (!cluster) {
            byte[][] keys = new byte[batch.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = batch.get(i).key;
            }
            return redis.mget(keys);
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

    @Override
    public void close() {
        open = false;
        senders.forEach(Thread::interrupt);
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.answer.completeExceptionally(new JedisException("cache closed"));
        }
    }

    private record Pending(byte[] key, CompletableFuture<byte[]> answer) {
    }
}
