package com.forecap.domain.auth;

import java.util.Arrays;

/**
 * One entry of a {@link UserBudget}'s table, guarded by its own monitor. {@code tag} is the key of the
 * client that opened the current window; clients that land here while it runs share its count whatever
 * their keys. The seen table holds the user ids counted in the window as unsigned 32-bit values, 0 marking
 * an empty place, in sets of a few places each (an id may sit in any place of its set); it is {@code null}
 * until the entry's first use.
 */
final class BudgetSlot {

    /** What {@link #find} says of an id that is absent from a full set. */
    private static final int FULL = Integer.MIN_VALUE;

    final int index;
    private long tag;
    long windowStart;
    int count;
    private int[] seen;

    BudgetSlot(int index) {
        this.index = index;
    }

    /**
     * Opens a window of a client's own: the client's key, the window's start, a count of 0 and an
     * empty seen table (created the first time, cleared after).
     */
    void open(long clientKey, long nowNanos, int seenPerSlot) {
        if (seen == null) {
            seen = new int[seenPerSlot];
        } else {
            Arrays.fill(seen, 0);
        }
        tag = clientKey;
        windowStart = nowNanos;
        count = 0;
    }

    /** Whether a window runs here: one was opened less than {@code windowNanos} ago. */
    boolean running(long nowNanos, long windowNanos) {
        return seen != null && nowNanos - windowStart < windowNanos;
    }

    /** Whether the client opened the window that runs here. */
    boolean ownedBy(long clientKey, long nowNanos, long windowNanos) {
        return tag == clientKey && running(nowNanos, windowNanos);
    }

    /**
     * Where an id sits in the seen table, its set being the {@code ways} places from {@code base}: its
     * index when present, else {@code -1 - i} for the first empty place {@code i} of its set, or
     * {@link #FULL} when the set is full.
     */
    int find(int id, int base, int ways) {
        int empty = FULL;
        for (int i = base; i < base + ways; i++) {
            if (seen[i] == id) {
                return i;
            }
            if (seen[i] == 0 && empty == FULL) {
                empty = -1 - i;
            }
        }
        return empty;
    }

    /**
     * Counts an id that {@link #find} did not find, {@code found} being its answer: in an empty place of
     * its set, else in one of the set's places in turn.
     */
    void add(int id, int found, int base, int ways) {
        seen[found == FULL ? base + count % ways : -1 - found] = id;
        count++;
    }
}
