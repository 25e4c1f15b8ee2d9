package com.forecap.adapter.out.mysql;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs a user whose row holds a list column that is not a JSON array: once per user and column, not per
 * request (a user not held by any cache would otherwise log on every request). Remembers at most
 * {@value #MAX_USERS} of them; past that it says so once and stays quiet.
 */
final class MalformedListLog {

    static final int MAX_USERS = 10_000;
    private static final System.Logger LOG = System.getLogger(MalformedListLog.class.getName());

    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean full = new AtomicBoolean();

    /**
     * What to report for one user's row.
     *
     * @param userId the user
     * @return the callback for the row's mapping
     */
    RecapColumns.MalformedLists forUser(long userId) {
        return (column, reason) -> {
            if (logged.size() >= MAX_USERS) {
                if (full.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, MAX_USERS + " list columns that are not JSON arrays were reported;"
                            + " further ones are left out silently");
                }
            } else if (logged.add(userId + " " + column)) {
                LOG.log(Level.WARNING, "user " + userId + ": column " + column + " left out of the recap, it is "
                        + reason);
            }
        };
    }
}
