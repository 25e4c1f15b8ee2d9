package com.forecap.adapter.out.mysql;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Admission of database reads by waiting time, not by count: a read waits its turn for one of the pool's
 * connections (first come, first served) for as long as the budget allows, and is refused only when it
 * cannot start within it. A read whose predicted wait already exceeds the budget (the reads queued ahead
 * of it, times the recent time a read holds a connection, over the pool size) is refused at once, so a
 * real overload gets fast refusals instead of a queue that times out.
 *
 * <p>Refusals are not logged one by one; a summary line is written at most once a minute.
 *
 * <p>Hand-made on a fair {@link Semaphore}: the prediction needs the queue's length, which resilience4j's
 * bulkhead does not expose.
 */
final class WaitBudget {

    private static final System.Logger LOG = System.getLogger(WaitBudget.class.getName());
    private static final long SUMMARY_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    /** Weight of the newest sample in the moving average of hold times (1/8). */
    private static final int SMOOTHING_SHIFT = 3;

    private final Semaphore connections;
    private final int size;
    private final long budgetNanos;
    private final LongSupplier clock;
    private volatile long holdNanos;
    private final AtomicLong refusedAtOnce = new AtomicLong();
    private final AtomicLong refusedAfterWaiting = new AtomicLong();
    private final AtomicLong lastSummary;
    private long summarisedRefusals;

    /**
     * Creates the budget.
     *
     * @param size   reads that may hold a connection at once (the pool size)
     * @param budget longest wait for a turn
     */
    WaitBudget(int size, Duration budget) {
        this(size, budget, System::nanoTime);
    }

    WaitBudget(int size, Duration budget, LongSupplier clock) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.connections = new Semaphore(size, true);
        this.size = size;
        this.budgetNanos = budget.toNanos();
        this.clock = clock;
        this.holdNanos = Duration.ofMillis(1).toNanos();
        this.lastSummary = new AtomicLong(clock.getAsLong());
    }

    /**
     * Waits for a turn within the budget.
     *
     * @return when the turn started, to hand back to {@link #leave(long)}
     * @throws Refused when the turn cannot come within the budget
     * @throws InterruptedException when interrupted while waiting
     */
    long enter() throws InterruptedException {
        if (connections.tryAcquire()) {
            return clock.getAsLong();
        }
        long predicted = (connections.getQueueLength() + 1L) * holdNanos / size;
        if (predicted > budgetNanos) {
            refused(refusedAtOnce);
            throw new Refused("MySQL is saturated: the predicted wait for a connection (" + predicted / 1_000_000
                    + " ms) exceeds the budget of " + budgetNanos / 1_000_000 + " ms");
        }
        if (!connections.tryAcquire(budgetNanos, TimeUnit.NANOSECONDS)) {
            refused(refusedAfterWaiting);
            throw new Refused("MySQL is saturated: no connection within the budget of " + budgetNanos / 1_000_000 + " ms");
        }
        return clock.getAsLong();
    }

    /**
     * Ends a turn.
     *
     * @param enteredAt what {@link #enter()} returned
     */
    void leave(long enteredAt) {
        long held = Math.max(0, clock.getAsLong() - enteredAt);
        long average = holdNanos;
        holdNanos = average + ((held - average) >> SMOOTHING_SHIFT);
        connections.release();
    }

    /** Reads refused without waiting, since start. */
    long refusedAtOnce() {
        return refusedAtOnce.get();
    }

    /** Reads refused after waiting the whole budget, since start. */
    long refusedAfterWaiting() {
        return refusedAfterWaiting.get();
    }

    /** Reads waiting for a turn now. */
    int waiting() {
        return connections.getQueueLength();
    }

    private void refused(AtomicLong counter) {
        counter.incrementAndGet();
        long now = clock.getAsLong();
        long last = lastSummary.get();
        if (now - last >= SUMMARY_EVERY_NANOS && lastSummary.compareAndSet(last, now)) {
            long total = refusedAtOnce.get() + refusedAfterWaiting.get();
            long since;
            synchronized (this) {
                since = total - summarisedRefusals;
                summarisedRefusals = total;
            }
            LOG.log(Level.WARNING, since + " database reads refused in the last " + (now - last) / 1_000_000_000
                    + " s: MySQL could not start them within " + budgetNanos / 1_000_000 + " ms (" + refusedAtOnce.get()
                    + " at once, " + refusedAfterWaiting.get() + " after waiting, since start)");
        }
    }

    /** A read that cannot start within the budget. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
