package com.forecap.adapter.out.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The end of a miss off the request's path: the request that loaded a recap answers at once, and the
 * writes that follow (store the entry, release the lock, wake a waiting instance) are queued here and
 * sent by one sender thread, every write waiting at that moment in one round trip. The queue
 * is bounded: when it is full, {@link #submit} refuses and the caller sends its write itself, so a slow
 * Redis slows the misses down instead of growing memory. On close, what is still queued is sent.
 *
 * @param <T> one write
 */
final class RedisFinisher<T> implements AutoCloseable {

    /** Writes queued at most. */
    static final int CAPACITY = 4_096;
    /** Most writes in one round trip. */
    static final int MAX_BATCH = 32;

    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final Consumer<List<T>> sendBatch;
    private final Thread sender;
    private volatile boolean open = true;

    /**
     * Starts the sender.
     *
     * @param sendBatch sends a batch of writes (its failures are its own: it must not throw)
     */
    RedisFinisher(Consumer<List<T>> sendBatch) {
        this.sendBatch = sendBatch;
        this.sender = Thread.ofVirtual().name("redis-finisher").start(this::send);
    }

    /**
     * Queues a write.
     *
     * @param write the write
     * @return {@code false} when the queue is full or closed: the caller sends it itself
     */
    boolean submit(T write) {
        return open && queue.size() < CAPACITY && queue.offer(write);
    }

    @SuppressWarnings("unchecked")
    private void send() {
        List<Object> taken = new ArrayList<>(MAX_BATCH);
        List<T> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(taken, MAX_BATCH - 1);
            for (Object item : taken) {
                if (item == STOP) {
                    stopping = true;
                } else {
                    batch.add((T) item);
                }
            }
            if (!batch.isEmpty()) {
                sendBatch.accept(List.copyOf(batch));
            }
            taken.clear();
            batch.clear();
        }
        // writes queued after the stop mark (submitted while closing)
        queue.drainTo(taken);
        taken.forEach(item -> batch.add((T) item));
        if (!batch.isEmpty()) {
            sendBatch.accept(List.copyOf(batch));
        }
    }

    /** Stops taking writes and waits until the queued ones are sent. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            queue.put(STOP);
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
