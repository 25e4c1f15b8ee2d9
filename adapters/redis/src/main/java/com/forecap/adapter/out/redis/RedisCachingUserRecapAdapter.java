package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.forecap.application.cache.port.out.CacheRecapsPort;
import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
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

    private static final byte[] RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end").getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOTIFY = ("redis.call('rpush', KEYS[1], '1'); "
            + "return redis.call('pexpire', KEYS[1], ARGV[1])").getBytes(StandardCharsets.UTF_8);
    /**
     * Takes the lock and, when taken, reads the entry in the same round trip (the lock's previous holder
     * may have written it just before releasing). KEYS: entry, lock; ARGV: token, lock expiry. Answers
     * {@code [1, entry or nil]} when taken, {@code [0]} when another instance holds it. Standalone only,
     * for an entry this codec could not read (the lookup took no lock since the entry existed).
     */
    private static final byte[] LOCK = ("if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then "
            + "return {1, redis.call('get', KEYS[1])} else redis.call('set', KEYS[3], '1', 'PX', ARGV[2]) return {0} end")
            .getBytes(StandardCharsets.UTF_8);
    /**
     * The end of a batch of loads in one script, for each quadruple of keys (entry, lock, ready list,
     * waiting mark): store the entry (when there is one), release the lock if its token still holds it,
     * and when someone marked that it waits, wake it through the ready list. ARGV: wake-up expiry, then
     * per load its token, the entry's TTL and the entry (both empty when there is none). Standalone Redis
     * only: in a cluster the keys (fixed by the contract, no hash tag) live in different slots.
     */
    private static final byte[] FINISH = ("for i = 1, #KEYS, 4 do "
            + "local a = (i - 1) / 4 * 3 + 2 "
            + "if ARGV[a + 1] ~= '' then redis.call('set', KEYS[i], ARGV[a + 2], 'PX', ARGV[a + 1]) end "
            + "if redis.call('get', KEYS[i + 1]) == ARGV[a] then redis.call('del', KEYS[i + 1]) end "
            + "if redis.call('del', KEYS[i + 3]) == 1 then "
            + "redis.call('rpush', KEYS[i + 2], '1') redis.call('pexpire', KEYS[i + 2], ARGV[1]) end "
            + "end return 1").getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = new byte[0];
    private static final Object UNAVAILABLE = new Object();
    private static final Object ABSENT = new Object();
    private static final Duration SLOW_CALL = Duration.ofMillis(250);
    /** Round trips of batched GETs in flight at once. */
    private static final int GET_SENDERS = 4;

    private final RedisConnections connections;
    private final UnifiedJedis redis;
    private final LoadUserRecapPort store;
    private final ZstdRecapCodec codec;
    private final RedisSettings settings;
    private final RecordCacheMetricsPort metrics;
    private final CircuitBreaker breaker;
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
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(SLOW_CALL)
                .slowCallRateThreshold(80)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
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
        Object found = call("get", () -> orAbsent(gets.lookup(key, lock, writer.key(userId, ":waiting"), token,
                getTimeoutNanos)));
        if (found instanceof byte[] value) {
            EncodedRecap recap = codec.decode(value);
            if (recap != null) {
                metrics.hit(CACHE_TYPE);
                return Optional.of(recap);
            }
        }
        metrics.miss(CACHE_TYPE);
        if (found == UNAVAILABLE) {
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
            Object reply = call("lock", () -> redis.eval(LOCK, List.of(key, lock, writer.key(userId, ":waiting")),
                    List.of(token, notifyMillis)));
            if (reply instanceof List<?> answer && !answer.isEmpty()) {
                locked = Long.valueOf(1).equals(answer.get(0)) ? "OK" : null;
                if (answer.size() > 1 && answer.get(1) instanceof byte[] value) {
                    already = Optional.ofNullable(codec.decode(value));
                }
            } else {
                locked = UNAVAILABLE;
            }
        } else {
            locked = call("lock", () -> redis.set(lock, token, SetParams.setParams().nx().px(settings.lockTtl().toMillis())));
            if ("OK".equals(locked)) {
                already = storedMeanwhile(key);
            }
        }
        if (locked == UNAVAILABLE) {
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
        Object woken = call("wait", () -> orAbsent(redis.blpop(seconds, ready)));
        if (woken instanceof KeyValue<?, ?>) {
            // pass the wake-up on to the next waiting instance
            call("notify", () -> redis.eval(NOTIFY, List.of(ready), List.of(notifyMillis)));
        }
        Object after = call("get", () -> orAbsent(redis.get(key)));
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
            call(guarded, "finish", () -> redis.eval(FINISH, keys, args));
            return;
        }
        for (Finish finish : batch) {
            if (finish.entry() != null) {
                long ttlMillis = writer.ttlMillis();
                call(guarded, "set", () -> redis.set(finish.key(), finish.entry(), SetParams.setParams().px(ttlMillis)));
            }
            byte[] ready = writer.key(finish.userId(), ":ready");
            call(guarded, "unlock", () -> redis.eval(RELEASE, List.of(finish.lock()), List.of(finish.token())));
            call(guarded, "notify", () -> redis.eval(NOTIFY, List.of(ready), List.of(notifyMillis)));
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
        Object value = call("recheck", () -> orAbsent(redis.get(key)));
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
        return breaker.getState().name();
    }

    /** Runs one Redis command through the breaker; {@link #UNAVAILABLE} when skipped or failed. */
    private Object call(String operation, Supplier<Object> command) {
        return call(true, operation, command);
    }

    /** Runs one Redis command, through the breaker when {@code guarded}; {@link #UNAVAILABLE} when skipped or failed. */
    private Object call(boolean guarded, String operation, Supplier<Object> command) {
        long start = System.nanoTime();
        try {
            Object result = guarded ? breaker.executeSupplier(command) : command.get();
            metrics.operation(operation, CACHE_TYPE, System.nanoTime() - start);
            return result;
        } catch (CallNotPermittedException e) {
            return UNAVAILABLE;
        } catch (JedisException e) {
            metrics.operation(operation, CACHE_TYPE, System.nanoTime() - start);
            return UNAVAILABLE;
        }
    }

    private static Object orAbsent(Object value) {
        return value == null ? ABSENT : value;
    }
}
