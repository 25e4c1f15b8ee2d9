package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts of the cache's single flight across instances: the lock taken with an entry's read, a
 * batch of loads ended (stored, released, waiters woken), and the cluster's one-key forms.
 */
final class RedisLockScripts {

    static final byte[] RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end").getBytes(StandardCharsets.UTF_8);
    static final byte[] NOTIFY = ("redis.call('rpush', KEYS[1], '1'); "
            + "return redis.call('pexpire', KEYS[1], ARGV[1])").getBytes(StandardCharsets.UTF_8);
    /**
     * Takes the lock and, when taken, reads the entry in the same round trip (the lock's previous holder
     * may have written it just before releasing). KEYS: entry, lock; ARGV: token, lock expiry. Answers
     * {@code [1, entry or nil]} when taken, {@code [0]} when another instance holds it. Standalone only,
     * for an entry this codec could not read (the lookup took no lock since the entry existed).
     */
    static final byte[] LOCK = ("if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then "
            + "return {1, redis.call('get', KEYS[1])} else redis.call('set', KEYS[3], '1', 'PX', ARGV[2]) return {0} end")
            .getBytes(StandardCharsets.UTF_8);
    /**
     * The end of a batch of loads in one script, for each quadruple of keys (entry, lock, ready list,
     * waiting mark): store the entry (when there is one), release the lock if its token still holds it,
     * and when someone marked that it waits, wake it through the ready list. ARGV: wake-up expiry, then
     * per load its token, the entry's TTL and the entry (both empty when there is none). Standalone Redis
     * only: in a cluster the keys (fixed by the contract, no hash tag) live in different slots.
     */
    static final byte[] FINISH = ("for i = 1, #KEYS, 4 do "
            + "local a = (i - 1) / 4 * 3 + 2 "
            + "if ARGV[a + 1] ~= '' then redis.call('set', KEYS[i], ARGV[a + 2], 'PX', ARGV[a + 1]) end "
            + "if redis.call('get', KEYS[i + 1]) == ARGV[a] then redis.call('del', KEYS[i + 1]) end "
            + "if redis.call('del', KEYS[i + 3]) == 1 then "
            + "redis.call('rpush', KEYS[i + 2], '1') redis.call('pexpire', KEYS[i + 2], ARGV[1]) end "
            + "end return 1").getBytes(StandardCharsets.UTF_8);

    private RedisLockScripts() {
    }
}
