import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Cost per recording: our own per-label cache in front of labelValues, or labelValues alone. */
public class LabelBench {
    static final Map<String, CounterDataPoint> hitSeries = new ConcurrentHashMap<>();
    static final Map<String, Map<String, DistributionDataPoint>> opSeries = new ConcurrentHashMap<>();
    static final Map<String, DistributionDataPoint> dbSeries = new ConcurrentHashMap<>();

    public static void main(String[] a) throws Exception {
        PrometheusRegistry r = new PrometheusRegistry();
        Counter hits = Counter.builder().name("cache_hits_total").labelNames("cache_type").register(r);
        Histogram ops = Histogram.builder().name("cache_op_seconds").labelNames("operation", "cache_type").classicOnly().register(r);
        Histogram db = Histogram.builder().name("db_seconds").labelNames("query_type", "table").classicOnly().register(r);
        String[] types = {"local", "redis"};
        int threads = Integer.parseInt(a.length > 0 ? a[0] : "1");
        for (int round = 0; round < 5; round++) {
            run("counter cached  ", threads, i -> hitSeries.computeIfAbsent(types[i & 1], hits::labelValues).inc());
            run("counter client  ", threads, i -> hits.labelValues(types[i & 1]).inc());
            run("histo2 cached   ", threads, i -> opSeries.computeIfAbsent(types[i & 1], t -> new ConcurrentHashMap<>())
                    .computeIfAbsent("get", op -> ops.labelValues(op, types[i & 1])).observe(1e-4));
            run("histo2 client   ", threads, i -> ops.labelValues("get", types[i & 1]).observe(1e-4));
            run("db concat cached", threads, i -> dbSeries.computeIfAbsent("select" + '\u0000' + "user_recap_data",
                    k -> db.labelValues("select", "user_recap_data")).observe(1e-3));
            run("db client       ", threads, i -> db.labelValues("select", "user_recap_data").observe(1e-3));
        }
    }

    interface Op { void run(int i); }

    static void run(String name, int threads, Op op) throws Exception {
        int n = 20_000_000;
        Thread[] ts = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> { for (int i = 0; i < n; i++) op.run(i); });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        long ns = System.nanoTime() - start;
        System.out.printf("%s threads=%d %.1f ns/op%n", name, threads, (double) ns / n);
    }
}
