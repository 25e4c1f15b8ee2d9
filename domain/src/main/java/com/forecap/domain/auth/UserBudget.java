package com.forecap.domain.auth;

import java.time.Duration;
import java.util.Objects;

import com.forecap.domain.user.UserId;

/**
 * An enumeration budget: how many distinct user ids one client may read per fixed time window. A
 * request with a valid legacy signature is answered for any user id, and the legacy secret is public,
 * so without a budget one client could read every user's recap by counting through the ids. Clients are
 * told apart by a 64-bit key that the caller derives (for example from the client address).
 *
 * <p>The state is a table of {@code slots} entries; a client key has two of them, chosen by a mixed hash.
 * It counts in the one whose running window it opened; without one, it opens a window in whichever of
 * the two is free (never used, or its window over); when both run windows of other clients, it shares
 * the one with the lower count. So a scraper at its limit does not cost a client that lands on its entry
 * the budget, unless that client's other entry is as full. Each entry
 * holds the key that opened its current window, the window's start, a count of distinct user ids
 * admitted in that window and a table of {@code seenPerSlot} places for the user ids counted in it
 * (4-way set-associative: an id has four candidate places), created the first time the entry is used. Nothing grows with the number of clients or users: the
 * worst case, every entry used, is about {@code slots × (seenPerSlot × 4 + 72)} bytes (72 bytes of
 * entry, reference and array header on top of the ids), given exactly by {@link #worstCaseBytes()}; the
 * defaults of {@link #withDefaults(int, Duration)} come to about 4.3 MiB.
 *
 * <p>The budget never undercounts. A user id counts as already read only when that exact id sits in one
 * of its places in the seen table, and only ids that were counted in the current window are ever put
 * there; when a fifth id needs the same four places it replaces one of them, which then counts again if
 * it comes back. (With one place per id, two clients sharing an entry whose users happened to share a
 * place would charge each other on every read and run out of budget reading one user each.)
 * Clients sharing an entry count together. So a client is never admitted for more than {@code limit}
 * distinct user ids in one window of its own; the price of the fixed memory is that a client may
 * occasionally be charged twice for one id, or for a neighbour's reads (and a client that was sharing
 * may, when one of its entries frees, open a window of its own before the shared one ended).
 *
 * <p>Each call takes constant time and allocates nothing once its entry's seen table exists; opening a
 * new window clears that table ({@code seenPerSlot} ints). Calls are thread-safe, each holding the lock
 * of its own entry only. The class reads no clock: callers pass {@link System#nanoTime()}-style readings,
 * compared by difference so that the counter's wrap-around is harmless.
 */
public final class UserBudget {

    /** The number of table entries {@link #withDefaults(int, Duration)} uses. */
    public static final int DEFAULT_SLOTS = 4096;
    /** The size of each entry's seen table in {@link #withDefaults(int, Duration)}. */
    public static final int DEFAULT_SEEN_PER_SLOT = 256;
    /** The largest accepted number of table entries. */
    public static final int MAX_SLOTS = 1 << 20;
    /** The largest accepted size of one entry's seen table. */
    public static final int MAX_SEEN_PER_SLOT = 1 << 16;
    /** The largest accepted number of seen ids over all entries ({@code slots × seenPerSlot}), 256 MiB of ids. */
    public static final long MAX_SEEN_TOTAL = 1L << 26;
    /** The shortest accepted window. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    /** The longest accepted window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);

    /** How many places of the seen table an id may take. */
    private static final int WAYS = 4;
    /** Bytes per entry besides its ids: the entry object, its reference in the table and the seen array's header. */
    private static final int SLOT_OVERHEAD_BYTES = 48 + 8 + 16;
    private static final int TABLE_HEADER_BYTES = 16;
    private static final int OBJECT_BYTES = 32;

    private final int limit;
    private final Duration window;
    private final long windowNanos;
    private final int seenPerSlot;
    private final int slotMask;
    private final int ways;
    private final int setMask;
    private final BudgetSlot[] table;

    /**
     * Creates an empty budget.
     *
     * @param limit       the most distinct user ids one client may read per window, at least 1
     * @param window      the length of a window, from {@link #MIN_WINDOW} to {@link #MAX_WINDOW}
     * @param slots       the number of table entries, a power of two up to {@link #MAX_SLOTS}
     * @param seenPerSlot the size of each entry's seen table, a power of two up to {@link #MAX_SEEN_PER_SLOT}
     * @throws IllegalArgumentException when a value is out of range, or {@code slots × seenPerSlot} exceeds
     *                                  {@link #MAX_SEEN_TOTAL}
     */
    public UserBudget(int limit, Duration window, int slots, int seenPerSlot) {
        Objects.requireNonNull(window, "window");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be from " + MIN_WINDOW + " to " + MAX_WINDOW + ": " + window);
        }
        requirePowerOfTwo("slots", slots, MAX_SLOTS);
        requirePowerOfTwo("seenPerSlot", seenPerSlot, MAX_SEEN_PER_SLOT);
        if ((long) slots * seenPerSlot > MAX_SEEN_TOTAL) {
            throw new IllegalArgumentException("slots * seenPerSlot must not exceed " + MAX_SEEN_TOTAL + ": "
                    + slots + " * " + seenPerSlot);
        }
        this.limit = limit;
        this.window = window;
        this.windowNanos = window.toNanos();
        this.seenPerSlot = seenPerSlot;
        this.slotMask = slots - 1;
        this.ways = Math.min(WAYS, seenPerSlot);
        this.setMask = seenPerSlot / ways - 1;
        this.table = new BudgetSlot[slots];
        for (int i = 0; i < slots; i++) {
            table[i] = new BudgetSlot(i);
        }
    }

    /**
     * Creates an empty budget of {@value #DEFAULT_SLOTS} entries with {@value #DEFAULT_SEEN_PER_SLOT} seen
     * ids each (about 4.3 MiB at worst).
     *
     * @param limit  the most distinct user ids one client may read per window, at least 1
     * @param window the length of a window, from {@link #MIN_WINDOW} to {@link #MAX_WINDOW}
     * @return the budget
     * @throws IllegalArgumentException when a value is out of range
     */
    public static UserBudget withDefaults(int limit, Duration window) {
        return new UserBudget(limit, window, DEFAULT_SLOTS, DEFAULT_SEEN_PER_SLOT);
    }

    /**
     * Whether a client would be refused this user now, without counting anything: for a check before
     * the work whose success {@link #admit} then counts.
     *
     * @param clientKey the client
     * @param userId    the user, 1..4294967295
     * @param nowNanos  a {@link System#nanoTime()} reading
     * @return 0 when {@link #admit} would admit it now, else the nanoseconds until the client's window ends
     * @throws IllegalArgumentException when the user id is out of range
     */
    public long check(long clientKey, long userId, long nowNanos) {
        return judge(clientKey, userId, nowNanos, false);
    }

    /**
     * Charges one read of a user id to a client. The read is admitted when the id was already counted
     * in the client's current window, or when fewer than {@link #limit()} ids were counted, in which
     * case it now counts. A refused read changes nothing. A client whose window has ended starts a new
     * one at {@code nowNanos}.
     *
     * @param clientKey the client's key, any value
     * @param userId    the user id read, from 1 to 4294967295
     * @param nowNanos  the current reading of a {@link System#nanoTime()}-style clock
     * @return 0 when admitted, otherwise the nanoseconds until the client's window ends, at least 1 and at
     *         most the window's length
     * @throws IllegalArgumentException when {@code userId} is out of range
     */
    public long admit(long clientKey, long userId, long nowNanos) {
        return judge(clientKey, userId, nowNanos, true);
    }

    /** {@link #check} or {@link #admit}, holding the locks of the client's two entries (in table order). */
    private long judge(long clientKey, long userId, long nowNanos, boolean count) {
        if (userId < UserId.MIN || userId > UserId.MAX) {
            throw new IllegalArgumentException("user id out of range 1..4294967295: " + userId);
        }
        int id = (int) userId;
        long h = mix(clientKey);
        BudgetSlot first = table[(int) h & slotMask];
        BudgetSlot second = table[(int) (h >>> 32) & slotMask];
        BudgetSlot low = first.index <= second.index ? first : second;
        BudgetSlot high = low == first ? second : first;
        synchronized (low) {
            synchronized (high) {
                if (count) {
                    return admit(pickOrOpen(first, second, clientKey, nowNanos), id, nowNanos);
                }
                BudgetSlot slot = pick(first, second, clientKey, nowNanos);
                if (slot == null || slot.count < limit || slot.find(id, setOf(id), ways) >= 0) {
                    return 0;
                }
                return windowNanos - Math.max(0L, nowNanos - slot.windowStart);
            }
        }
    }

    private long admit(BudgetSlot slot, int id, long nowNanos) {
        int base = setOf(id);
        int found = slot.find(id, base, ways);
        if (found >= 0) {
            return 0;
        }
        if (slot.count >= limit) {
            return windowNanos - Math.max(0L, nowNanos - slot.windowStart);
        }
        slot.add(id, found, base, ways);
        return 0;
    }

    /**
     * The most distinct user ids one client may read per window.
     *
     * @return the limit, at least 1
     */
    public int limit() {
        return limit;
    }

    /**
     * The length of a window.
     *
     * @return the window
     */
    public Duration window() {
        return window;
    }

    /**
     * The memory this budget takes once every entry has been used: the ids of the seen tables
     * ({@code slots × seenPerSlot × 4} bytes) plus 72 bytes per entry and the
     * budget's own object and table header. The sizes assume 16-byte object headers and 8-byte
     * references, so real use on a typical JVM is the same or a little less.
     *
     * @return the worst-case size in bytes
     */
    public long worstCaseBytes() {
        long slots = table.length;
        return OBJECT_BYTES + TABLE_HEADER_BYTES + slots * (SLOT_OVERHEAD_BYTES + 4L * seenPerSlot);
    }

    /**
     * The entry a client counts in, among its two: the one whose running window it opened, else none
     * (a client without one is not over any budget), else, when both run windows of other clients, the
     * one with the lower count, shared.
     */
    private BudgetSlot pick(BudgetSlot first, BudgetSlot second, long clientKey, long nowNanos) {
        if (first.ownedBy(clientKey, nowNanos, windowNanos)) {
            return first;
        }
        if (second.ownedBy(clientKey, nowNanos, windowNanos)) {
            return second;
        }
        if (!first.running(nowNanos, windowNanos) || !second.running(nowNanos, windowNanos)) {
            return null;
        }
        return first.count <= second.count ? first : second;
    }

    /** As {@link #pick}, opening a window of the client's own in a free entry when it has none. */
    private BudgetSlot pickOrOpen(BudgetSlot first, BudgetSlot second, long clientKey, long nowNanos) {
        BudgetSlot slot = pick(first, second, clientKey, nowNanos);
        if (slot != null) {
            return slot;
        }
        BudgetSlot free = first.running(nowNanos, windowNanos) ? second : first;
        free.open(clientKey, nowNanos, seenPerSlot);
        return free;
    }

    /** The first of the {@code ways} places of an id's set in a seen table. */
    private int setOf(int id) {
        return (mix(id) & setMask) * ways;
    }

    private static void requirePowerOfTwo(String name, int value, int max) {
        if (value < 1 || value > max || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two from 1 to " + max + ": " + value);
        }
    }

    /** The murmur3 64-bit finalizer: every bit of the key reaches the low bits that pick the entry. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The murmur3 32-bit finalizer, for the place of a user id in a seen table. */
    private static int mix(int id) {
        int h = id;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
