import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Nanoseconds per call of a trivial command through a circuit breaker, permits by hand (as the store
 * adapters did) against executeSupplier (as they do now), with the breaker CLOSED and then OPEN.
 */
public class BreakerCost {
    static final Object UNAVAILABLE = new Object();
    static final int CALLS = 2_000_000;

    public static void main(String[] args) {
        CircuitBreaker breaker = CircuitBreaker.of("x", CircuitBreakerConfig.custom()
                .waitDurationInOpenState(Duration.ofHours(1)).writableStackTraceEnabled(false).build());
        Supplier<Object> command = () -> "v";
        long sink = 0;
        for (String state : new String[] {"CLOSED", "OPEN"}) {
            if (state.equals("OPEN")) {
                breaker.transitionToOpenState();
            }
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    Object result = UNAVAILABLE;
                    if (breaker.tryAcquirePermission()) {
                        long start = System.nanoTime();
                        result = command.get();
                        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                    sink += result.hashCode() & 1;
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    Object result;
                    try {
                        result = breaker.executeSupplier(command);
                    } catch (CallNotPermittedException e) {
                        result = UNAVAILABLE;
                    }
                    sink += result.hashCode() & 1;
                }
                long t2 = System.nanoTime();
                System.out.printf("%s round %d: by hand %.0f ns/call, executeSupplier %.0f ns/call%n", state, round,
                        (t1 - t0) / (double) CALLS, (t2 - t1) / (double) CALLS);
            }
        }
        System.out.println("(checksum " + sink + ")");
    }
}
