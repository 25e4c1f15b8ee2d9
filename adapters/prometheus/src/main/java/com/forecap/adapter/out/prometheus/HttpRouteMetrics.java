package com.forecap.adapter.out.prometheus;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

import com.forecap.application.observability.RecordRequestMetricsPort;

/**
 * Records requests of one method and route. The labelled series for each status code are looked up
 * once and then kept, so recording a request is two lock-free updates.
 */
public final class HttpRouteMetrics implements RecordRequestMetricsPort.RouteRecorder {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final int MAX_STATUS = 599;

    private final Counter requests;
    private final Histogram duration;
    private final Counter errors;
    private final String method;
    private final String route;
    private final AtomicReferenceArray<Series> byStatus = new AtomicReferenceArray<>(MAX_STATUS + 1);

    HttpRouteMetrics(Counter requests, Histogram duration, Counter errors, String method, String route) {
        this.requests = requests;
        this.duration = duration;
        this.errors = errors;
        this.method = method;
        this.route = route;
    }

    @Override
    public void record(int status, long durationNanos) {
        Series series = series(status);
        series.requests.inc();
        series.duration.observe(durationNanos / NANOS_PER_SECOND);
        if (series.errors != null) {
            series.errors.inc();
        }
    }

    private Series series(int status) {
        int index = status < 100 || status > MAX_STATUS ? 0 : status;
        Series series = byStatus.get(index);
        if (series == null) {
            String code = Integer.toString(status);
            String errorType = errorType(status);
            series = new Series(requests.labelValues(method, route, code), duration.labelValues(method, route, code),
                    errorType == null ? null : errors.labelValues(method, route, errorType));
            byStatus.compareAndSet(index, null, series);
        }
        return series;
    }

    /**
     * The {@code error_type} label of a status, or {@code null} for a success.
     *
     * @param status the response status
     * @return a short snake-case name
     */
    static String errorType(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413, 414, 431 -> "request_too_large";
            case 429 -> "too_many_requests";
            case 500 -> "internal_error";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "server_error" : status >= 400 ? "client_error" : null;
        };
    }

    private record Series(CounterDataPoint requests, DistributionDataPoint duration, CounterDataPoint errors) {
    }
}
