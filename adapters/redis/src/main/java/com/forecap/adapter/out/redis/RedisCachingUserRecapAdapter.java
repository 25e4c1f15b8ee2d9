package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.forecap.application.cache.port.out.CacheRecapsPort;
import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.KeyValue;

/**
 * Cache-aside in Redis around another recap store (a decorator of {@link LoadUserRecapPort}).
 *
 * <ul>
 *     <li>Lookup: one script reads {@code user:recap:{id}} and, when it is missing, takes {@code
 *     user:recap:{id}:lock} with {@code SET NX PX} in the same round trip; concurrent lookups share that
 *     round trip ({@link RedisGetBatcher}). A hit is decompressed ({@link ZstdRecapCodec}).</li>
 *     <li>Miss: the lock's holder loads from the store and answers; then, off the request's path, one
 *     script writes the entry with the configured TTL (±10 % jitter, so entries written together do not
 *     expire together), releases the lock and wakes waiting instances through {@code
 *     user:recap:{id}:ready} when a waiter marked {@code :waiting} ({@link RedisFinisher}: the ends of
 *     concurrent misses in one script, one round trip). So a miss costs one round trip before the store is read and one after the answer. In a
 *     cluster, where the keys lie in different slots, the lock is a call of its own and the end three.
 *     An instance that finds the lock taken blocks on the list with {@code BLPOP} for at most {@code
 *     lockWait}, then reads the entry, and loads by itself only when it is still missing.</li>
 *     <li>Outage: every Redis call has bounded timeouts and goes through a circuit breaker; when Redis
 *     fails or is slow the breaker opens and requests go straight to the store without waiting on
 *     Redis at all, until a probe after {@code breakerOpenFor} succeeds.</li>
 * </ul>
 */
public final class RedisCachingUserRecapAdapter
        implements LoadUserRecapPort, CacheRecapsPort, CheckHealthPort, AutoCloseable {

    /** The {@code cache_type} label of this layer. */
    public static final String CACHE_TYPE = "redis";

    private static final byte[] EMPTY = new byte[0];
    /** Round trips of batched GETs in flight at once. */
    private static final int GET_SENDERS = 4;

    private final RedisConnections connections;
    private final UnifiedJedis redis;
    private final LoadUserRecapPort store;
    private final ZstdRecapCodec codec;
    private final RedisSettings settings;
    private final RecordCacheMetricsPort metrics;
    private final RedisCalls calls;
    private final RedisRecapWriter writer;
    private final byte[] notifyMillis;
    private final RedisGetBatcher gets;
    private final RedisFinisher<Finish> finisher;
    private final long getTimeoutNanos;
    private final String tokenPrefix = UUID.randomUUID().toString().substring(0, 13);
    private final AtomicLong tokens = new AtomicLong();

    /**
     * Creates the decorator.
     *
     * @param connections the Redis client
     * @param store       the store behind the cache
     * @param codec       the cached form
     * @param metrics     receives hits, misses and operation times
     */
    public RedisCachingUserRecapAdapter(RedisConnections connections, LoadUserRecapPort store, ZstdRecapCodec codec,
                                        RecordCacheMetricsPort metrics) {
        this.connections = connections;
        this.redis = connections.client();
        this.settings = connections.settings();
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.writer = new RedisRecapWriter(connections, codec, metrics);
        this.calls = new RedisCalls(settings.breakerOpenFor(), metrics, CACHE_TYPE);
        this.notifyMillis = Long.toString(settings.lockTtl().toMillis()).getBytes(StandardCharsets.US_ASCII);
        this.gets = new RedisGetBatcher(redis, settings.cluster(), settings.lockTtl().toMillis(), GET_SENDERS);
        this.finisher = new RedisFinisher<>(batch -> finish(batch, false));
        this.getTimeoutNanos = settings.operationTimeout().plus(settings.poolWait()).toNanos();
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        byte[] key = writer.key(userId, "");
        byte[] lock = writer.key(userId, ":lock");
        byte[] token = nextToken();
        Object found = calls.call("get", () -> RedisCalls.orAbsent(gets.lookup(key, lock, writer.key(userId, ":waiting"), token,
                getTimeoutNanos)));
        if (found instanceof byte[] value) {
            EncodedRecap recap = codec.decode(value);
            if (recap != null) {
                metrics.hit(CACHE_TYPE);
                return Optional.of(recap);
            }
        }
        metrics.miss(CACHE_TYPE);
        if (found == RedisCalls.UNAVAILABLE) {
            return store.loadUserRecap(userId);
        }
        if (found == RedisGetBatcher.LOCKED) {
            return loadLocked(userId, key, lock, token);
        }
        if (found == RedisGetBatcher.BUSY) {
            return waitForHolder(userId, key);
        }
        // in a cluster, or an entry this codec cannot read (written with another dictionary): lock apart
        return lockThenLoad(userId, key, lock, token);
    }

    /** This request holds the lock: load, answer, and leave the entry's writing to the finisher. */
    private Optional<EncodedRecap> loadLocked(UserId userId, byte[] key, byte[] lock, byte[] token) {
        Optional<EncodedRecap> loaded = Optional.empty();
        try {
            loaded = store.loadUserRecap(userId);
            return loaded;
        } finally {
            // compressed here, on the request's thread: the finisher only sends (one thread compressing for every
            // load would hold one of the few carrier threads for long stretches)
            Finish finish = new Finish(userId, key, lock, token, loaded.map(codec::encode).orElse(null));
            if (!finisher.submit(finish)) {
                // the finisher is behind (a slow Redis): this request ends its load itself, through the breaker
                finish(List.of(finish), true);
            }
        }
    }

    /** Takes the lock in a call of its own (cluster, or an unreadable entry), then loads or waits. */
    private Optional<EncodedRecap> lockThenLoad(UserId userId, byte[] key, byte[] lock, byte[] token) {
        Optional<EncodedRecap> already = Optional.empty();
        Object locked;
        if (!settings.cluster()) {
            Object reply = calls.call("lock", () -> redis.eval(RedisLockScripts.LOCK, List.of(key, lock, writer.key(userId, ":waiting")),
                    List.of(token, notifyMillis)));
            if (reply instanceof List<?> answer && !answer.isEmpty()) {
                locked = Long.valueOf(1).equals(answer.get(0)) ? "OK" : null;
                if (answer.size() > 1 && answer.get(1) instanceof byte[] value) {
                    already = Optional.ofNullable(codec.decode(value));
                }
            } else {
                locked = RedisCalls.UNAVAILABLE;
            }
        } else {
            locked = calls.call("lock", () -> redis.set(lock, token, SetParams.setParams().nx().px(settings.lockTtl().toMillis())));
            if ("OK".equals(locked)) {
                already = storedMeanwhile(key);
            }
        }
        if (locked == RedisCalls.UNAVAILABLE) {
            return store.loadUserRecap(userId);
        }
        if (!"OK".equals(locked)) {
            return waitForHolder(userId, key);
        }
        if (already.isPresent()) {
            // the lock's previous holder wrote the entry between this request's miss and now
            finish(List.of(new Finish(userId, key, lock, token, null)), true);
            return already;
        }
        return loadLocked(userId, key, lock, token);
    }

    /** Another request or instance holds the lock: wait (bounded) for its wake-up, then read the entry. */
    private Optional<EncodedRecap> waitForHolder(UserId userId, byte[] key) {
        byte[] ready = writer.key(userId, ":ready");
        double seconds = Math.max(0.001, settings.lockWait().toMillis() / 1000.0);
        Object woken = calls.call("wait", () -> RedisCalls.orAbsent(redis.blpop(seconds, ready)));
        if (woken instanceof KeyValue<?, ?>) {
            // pass the wake-up on to the next waiting instance
            calls.call("notify", () -> redis.eval(RedisLockScripts.NOTIFY, List.of(ready), List.of(notifyMillis)));
        }
        Object after = calls.call("get", () -> RedisCalls.orAbsent(redis.get(key)));
        if (after instanceof byte[] value) {
            EncodedRecap recap = codec.decode(value);
            if (recap != null) {
                return Optional.of(recap);
            }
        }
        return store.loadUserRecap(userId);
    }

    /**
     * Stores what was loaded, releases the lock and wakes a waiter, for a batch of loads: one script for
     * the whole batch; in a cluster three calls a load. The finisher's writes do not ask the circuit
     * breaker: off the request's path they may wait for Redis, and a lock the breaker kept from being
     * released would make other instances wait for its expiry.
     */
    private void finish(List<Finish> batch, boolean guarded) {
        if (!settings.cluster()) {
            List<byte[]> keys = new ArrayList<>(4 * batch.size());
            List<byte[]> args = new ArrayList<>(1 + 3 * batch.size());
            args.add(notifyMillis);
            for (Finish finish : batch) {
                keys.add(finish.key());
                keys.add(finish.lock());
                keys.add(writer.key(finish.userId(), ":ready"));
                keys.add(writer.key(finish.userId(), ":waiting"));
                args.add(finish.token());
                if (finish.entry() == null) {
                    args.add(EMPTY);
                    args.add(EMPTY);
                } else {
                    args.add(Long.toString(writer.ttlMillis()).getBytes(StandardCharsets.US_ASCII));
                    args.add(finish.entry());
                }
            }
            calls.call(guarded, "finish", () -> redis.eval(RedisLockScripts.FINISH, keys, args));
            return;
        }
        for (Finish finish : batch) {
            if (finish.entry() != null) {
                long ttlMillis = writer.ttlMillis();
                calls.call(guarded, "set", () -> redis.set(finish.key(), finish.entry(), SetParams.setParams().px(ttlMillis)));
            }
            byte[] ready = writer.key(finish.userId(), ":ready");
            calls.call(guarded, "unlock", () -> redis.eval(RedisLockScripts.RELEASE, List.of(finish.lock()), List.of(finish.token())));
            calls.call(guarded, "notify", () -> redis.eval(RedisLockScripts.NOTIFY, List.of(ready), List.of(notifyMillis)));
        }
    }

    /** A unique lock token: this instance's random prefix and a counter. */
    private byte[] nextToken() {
        return (tokenPrefix + tokens.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
    }

    /** The writes that end a load: the user, its entry's and lock's keys, the lock's token, the entry or none. */
    private record Finish(UserId userId, byte[] key, byte[] lock, byte[] token, byte[] entry) {
    }

    /**
     * The entry written by the lock's previous holder between this request's miss and its taking the
     * lock (the holder released it just before), so that the store is not read twice. Timed as
     * operation {@code recheck}. In a cluster only: standalone, the lock script reads it.
     */
    private Optional<EncodedRecap> storedMeanwhile(byte[] key) {
        Object value = calls.call("recheck", () -> RedisCalls.orAbsent(redis.get(key)));
        return value instanceof byte[] bytes ? Optional.ofNullable(codec.decode(bytes)) : Optional.empty();
    }

    /**
     * Writes recaps in one pipelined round trip per node.
     *
     * @param recaps recaps by user
     */
    @Override
    public void putAll(Map<UserId, EncodedRecap> recaps) {
        writer.putAll(recaps);
    }

    @Override
    public Optional<Fill> fill() {
        return writer.fill();
    }

    /** Stops the GET senders; pending lookups fail over to the store. */
    @Override
    public void close() {
        gets.close();
        finisher.close();
    }

    /** {@inheritDoc} Pings Redis; reports the nodes, the mode and the circuit. */
    @Override
    public ComponentHealth check() {
        String failure = connections.ping();
        if (failure != null) {
            return new ComponentHealth(ComponentHealth.State.DOWN, Map.of("error", failure, "circuit", circuitState()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("nodes", String.join(",", settings.nodes()));
        details.put("mode", settings.cluster() ? "cluster" : "standalone");
        details.put("circuit", circuitState());
        return ComponentHealth.up(details);
    }

    /**
     * The circuit breaker's state, for health: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}.
     *
     * @return the state
     */
    public String circuitState() {
        return calls.circuitState();
    }

}
