package com.forecap.adapter.out.prometheus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.observability.RecordQueryMetricsPort;
import com.forecap.application.observability.RecordRefusalMetricsPort;
import com.forecap.application.observability.RecordRequestMetricsPort;
import com.forecap.application.observability.ScrapeMetricsPort;

/**
 * The service's metrics under the names and labels of the contract (section 4), kept in one
 * Prometheus registry together with the JVM and process metrics, and written in the text format a
 * scraper asks for. Thread-safe.
 */
public final class PrometheusMetrics
        implements RecordCacheMetricsPort, RecordQueryMetricsPort, RecordRequestMetricsPort, RecordRefusalMetricsPort,
        ScrapeMetricsPort {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Buckets of cache operations, which take microseconds to milliseconds. */
    static final double[] CACHE_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5, 1};

    /** Latency buckets of the contract, in seconds. */
    static final double[] LATENCY_BUCKETS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5};

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter httpRequests;
    private final Histogram httpDuration;
    private final Counter httpErrors;
    private final Histogram dbQueryDuration;
    private final Counter refusals;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Histogram cacheOperations;
    // Per-label caches in front of labelValues: a cache lookup is counted on every request, and the
    // client's own lookup (varargs array, label list, hash) measured 183 ns per increment against 52 ns
    // through this map (perf-tests/results/2026-11-29-house.md). Database queries, which take
    // milliseconds, use the client's lookup directly.
    private final Map<String, CounterDataPoint> cacheHitSeries = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> cacheMissSeries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, DistributionDataPoint>> cacheOperationSeries = new ConcurrentHashMap<>();

    private PrometheusMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        this.httpRequests = counter("http_requests_total", "HTTP requests answered", "method", "route", "status");
        this.httpDuration = histogram("http_request_duration_seconds", "Time from request to response", LATENCY_BUCKETS,
                "method", "route", "status");
        this.httpErrors = counter("http_request_errors_total", "HTTP requests answered with an error status",
                "method", "route", "error_type");
        this.dbQueryDuration = histogram("db_query_duration_seconds", "Time of database queries", LATENCY_BUCKETS,
                "query_type", "table");
        this.refusals = counter("http_refused_total", "Requests and connections refused before routing, by reason",
                "reason");
        this.cacheHits = counter("cache_hits_total", "Cache lookups answered by the cache", "cache_type");
        this.cacheMisses = counter("cache_misses_total", "Cache lookups that went further down", "cache_type");
        this.cacheOperations = histogram("cache_operation_duration_seconds", "Time of cache operations", CACHE_BUCKETS,
                "operation", "cache_type");
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return Histogram.builder().name(name).help(help).labelNames(labels).classicOnly().classicUpperBounds(buckets)
                .register(registry);
    }

    @Override
    public void hit(String cacheType) {
        cacheHitSeries.computeIfAbsent(cacheType, cacheHits::labelValues).inc();
    }

    @Override
    public void miss(String cacheType) {
        cacheMissSeries.computeIfAbsent(cacheType, cacheMisses::labelValues).inc();
    }

    @Override
    public void operation(String operation, String cacheType, long nanos) {
        cacheOperationSeries.computeIfAbsent(cacheType, type -> new ConcurrentHashMap<>())
                .computeIfAbsent(operation, op -> cacheOperations.labelValues(op, cacheType))
                .observe(nanos / NANOS_PER_SECOND);
    }

    /**
     * Creates the metrics in a new registry, with JVM and process metrics.
     *
     * @return the metrics
     */
    public static PrometheusMetrics create() {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        return new PrometheusMetrics(registry);
    }

    /**
     * Creates the refusal series at zero, so that dashboards see them before the first refusal.
     *
     * @param reasons every reason label that {@link #refused(String)} will be given
     */
    public void refusalReasons(java.util.Collection<String> reasons) {
        for (String reason : reasons) {
            refusals.labelValues(reason);
        }
    }

    /**
     * {@inheritDoc} Counted in {@code http_refused_total}, through the client's own label lookup:
     * refusals are rare.
     */
    @Override
    public void refused(String reason) {
        refusals.labelValues(reason).inc();
    }

    /** {@inheritDoc} Obtain it once and keep it: recording is then lock-free. */
    @Override
    public HttpRouteMetrics route(String method, String route) {
        return new HttpRouteMetrics(httpRequests, httpDuration, httpErrors, method, route);
    }

    @Override
    public void queryCompleted(String queryType, String table, long nanos) {
        dbQueryDuration.labelValues(queryType, table).observe(nanos / NANOS_PER_SECOND);
    }

    /**
     * Exports the database pool's numbers, read at each scrape.
     *
     * @param size   connections open
     * @param active connections in use
     * @param idle   connections waiting
     */
    public void databasePool(IntSupplier size, IntSupplier active, IntSupplier idle) {
        gauge("db_connection_pool_size", "Database connections open", size);
        gauge("db_connection_pool_active", "Database connections in use", active);
        gauge("db_connection_pool_idle", "Database connections idle in the pool", idle);
    }

    private void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsInt()))
                .register(registry);
    }

    /** {@inheritDoc} OpenMetrics when asked for, otherwise the Prometheus text format 0.0.4. */
    @Override
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics", e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }
}
