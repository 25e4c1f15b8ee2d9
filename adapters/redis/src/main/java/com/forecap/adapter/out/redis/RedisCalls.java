package com.forecap.adapter.out.redis;

import java.time.Duration;
import java.util.function.Supplier;

import com.forecap.application.observability.RecordCacheMetricsPort;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Every Redis call of the request path, timed and, unless asked otherwise, through a circuit breaker: when
 * Redis fails or is slow the breaker opens and the calls are skipped, so requests go straight to the store,
 * until a probe after the open time succeeds. A call answers {@link #UNAVAILABLE} when skipped or failed,
 * and {@link #ABSENT} for a nil reply passed through {@link #orAbsent}.
 */
final class RedisCalls {

    /** A call that was skipped or failed. */
    static final Object UNAVAILABLE = new Object();
    /** A nil reply. */
    private static final Object ABSENT = new Object();
    private static final Duration SLOW_CALL = Duration.ofMillis(250);

    private final CircuitBreaker breaker;
    private final RecordCacheMetricsPort metrics;
    private final String cacheType;

    RedisCalls(Duration openFor, RecordCacheMetricsPort metrics, String cacheType) {
        this.metrics = metrics;
        this.cacheType = cacheType;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(SLOW_CALL)
                .slowCallRateThreshold(80)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
    }

    /** The breaker's state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    String circuitState() {
        return breaker.getState().name();
    }

    /** Runs one Redis command through the breaker; {@link #UNAVAILABLE} when skipped or failed. */
    Object call(String operation, Supplier<Object> command) {
        return call(true, operation, command);
    }

    /** Runs one Redis command, through the breaker when {@code guarded}; {@link #UNAVAILABLE} when skipped or failed. */
    Object call(boolean guarded, String operation, Supplier<Object> command) {
        long start = System.nanoTime();
        try {
            Object result = guarded ? breaker.executeSupplier(command) : command.get();
            metrics.operation(operation, cacheType, System.nanoTime() - start);
            return result;
        } catch (CallNotPermittedException e) {
            return UNAVAILABLE;
        } catch (JedisException e) {
            metrics.operation(operation, cacheType, System.nanoTime() - start);
            return UNAVAILABLE;
        }
    }

    static Object orAbsent(Object value) {
        return value == null ? ABSENT : value;
    }
}
