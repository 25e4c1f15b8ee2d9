import io.github.resilience4j.circuitbreaker.*;
import java.time.Duration;
import java.util.function.Supplier;

public class OpenCost {
    static final Object UNAVAILABLE = new Object();
    public static void main(String[] a) {
        CircuitBreaker cb = CircuitBreaker.of("x", CircuitBreakerConfig.custom().waitDurationInOpenState(Duration.ofHours(1))
                .writableStackTraceEnabled(false).build());
        cb.transitionToOpenState();
        Supplier<Object> cmd = () -> "v";
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2_000_000; i++) {
                Object r = cb.tryAcquirePermission() ? cmd.get() : UNAVAILABLE;
                sink += r.hashCode() & 1;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 2_000_000; i++) {
                Object r;
                try { r = cb.executeSupplier(cmd); } catch (CallNotPermittedException e) { r = UNAVAILABLE; }
                sink += r.hashCode() & 1;
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: by hand %.0f ns/call, decorator %.0f ns/call%n", round, (t1 - t0) / 2e6, (t2 - t1) / 2e6);
        }
        System.out.println(sink);
    }
}
