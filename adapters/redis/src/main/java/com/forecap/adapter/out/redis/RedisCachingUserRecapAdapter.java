package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.forecap.application.port.out.CacheRecapsPort;
import com.forecap.application.port.out.CheckHealthPort;
import com.forecap.application.port.out.ComponentHealth;
import com.forecap.application.port.out.LoadUserRecapPort;
import com.forecap.application.port.out.RecordCacheMetricsPort;
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
 *     <li>Hit: {@code GET user:recap:{id}} and decompress ({@link ZstdRecapCodec}). Concurrent GETs
 *     share round trips ({@link RedisGetBatcher}).</li>
 *     <li>Miss: take {@code user:recap:{id}:lock} with {@code SET NX PX}; the holder loads from the store,
 *     then in one script writes the entry with the configured TTL (±10 % jitter, so entries written
 *     together do not expire together), releases its lock and wakes waiting instances through
 *     {@code user:recap:{id}:ready}: three round trips a miss (the GET shared with other lookups), or five
 *     in a cluster, where the keys lie in different slots. An instance that finds the lock taken blocks on that list with
 *     {@code BLPOP} for at most {@code lockWait}, then reads the entry, and loads by itself only when
 *     it is still missing.</li>
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
     * The end of a load in one round trip: store the entry (when there is one), release the lock if this
     * instance still holds it, wake one waiting instance. KEYS: entry, lock, ready list; ARGV: token,
     * wake-up expiry, then entry and TTL when there is an entry. Standalone Redis only: in a cluster the
     * three keys (fixed by the contract, no hash tag) live in different slots.
     */
    /**
     * Takes the lock and, when taken, reads the entry in the same round trip (the lock's previous holder
     * may have written it just before releasing). KEYS: entry, lock; ARGV: token, lock expiry. Answers
     * {@code [1, entry or nil]} when taken, {@code [0]} when another instance holds it. Standalone only.
     */
    private static final byte[] LOCK = ("if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then "
            + "return {1, redis.call('get', KEYS[1])} else return {0} end").getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINISH = ("if #ARGV > 2 then redis.call('set', KEYS[1], ARGV[3], 'PX', ARGV[4]) end; "
            + "if redis.call('get', KEYS[2]) == ARGV[1] then redis.call('del', KEYS[2]) end; "
            + "redis.call('rpush', KEYS[3], '1'); return redis.call('pexpire', KEYS[3], ARGV[2])")
            .getBytes(StandardCharsets.UTF_8);
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
    private final long getTimeoutNanos;

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
        this.gets = new RedisGetBatcher(redis, settings.cluster(), GET_SENDERS);
        this.getTimeoutNanos = settings.operationTimeout().plus(settings.poolWait()).toNanos();
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        byte[] key = writer.key(userId, "");
        Object cached = call("get", () -> orAbsent(gets.get(key, getTimeoutNanos)));
        if (cached instanceof byte[] value) {
            EncodedRecap recap = codec.decode(value);
            if (recap != null) {
                metrics.hit(CACHE_TYPE);
                return Optional.of(recap);
            }
        }
        metrics.miss(CACHE_TYPE);
        if (cached == UNAVAILABLE) {
            return store.loadUserRecap(userId);
        }
        return loadOnce(userId, key);
    }

    /** Loads under the cross-instance lock, or waits (bounded) for the instance holding it. */
    private Optional<EncodedRecap> loadOnce(UserId userId, byte[] key) {
        byte[] lock = writer.key(userId, ":lock");
        byte[] ready = writer.key(userId, ":ready");
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        Optional<EncodedRecap> already = Optional.empty();
        Object locked;
        if (!settings.cluster()) {
            Object reply = call("lock", () -> redis.eval(LOCK, List.of(key, lock), List.of(token, notifyMillis)));
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
        if ("OK".equals(locked)) {
            // the lock's previous holder may have written the entry between this request's miss and now
            if (already.isPresent()) {
                finish(key, lock, ready, token, Optional.empty());
                return already;
            }
            Optional<EncodedRecap> loaded = Optional.empty();
            try {
                loaded = store.loadUserRecap(userId);
                return loaded;
            } finally {
                finish(key, lock, ready, token, loaded);
            }
        }
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

    /** Stores what was loaded, releases the lock and wakes a waiter: one script, or three calls in a cluster. */
    private void finish(byte[] key, byte[] lock, byte[] ready, byte[] token, Optional<EncodedRecap> loaded) {
        byte[] entry = loaded.map(codec::encode).orElse(null);
        long ttlMillis = writer.ttlMillis();
        if (!settings.cluster()) {
            List<byte[]> args = entry == null ? List.of(token, notifyMillis)
                    : List.of(token, notifyMillis, entry, Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII));
            call("finish", () -> redis.eval(FINISH, List.of(key, lock, ready), args));
            return;
        }
        if (entry != null) {
            call("set", () -> redis.set(key, entry, SetParams.setParams().px(ttlMillis)));
        }
        call("unlock", () -> redis.eval(RELEASE, List.of(lock), List.of(token)));
        call("notify", () -> redis.eval(NOTIFY, List.of(ready), List.of(notifyMillis)));
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

    /** Stops the GET senders; pending lookups fail over to the store. */
    @Override
    public void close() {
        gets.close();
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
        long start = System.nanoTime();
        try {
            Object result = breaker.executeSupplier(command);
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
