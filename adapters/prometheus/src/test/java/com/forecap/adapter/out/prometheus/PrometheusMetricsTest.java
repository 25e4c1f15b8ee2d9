package com.forecap.adapter.out.prometheus;

import java.nio.charset.StandardCharsets;

import com.forecap.application.observability.ScrapeMetricsPort;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = PrometheusMetrics.create();

    private String text(String accept) {
        return new String(metrics.scrape(accept).body(), StandardCharsets.UTF_8);
    }

    @Test
    void records_requests_with_the_contract_names_labels_and_buckets() {
        HttpRouteMetrics route = metrics.route("GET", "/api/user-data");
        route.record(200, 2_000_000);
        route.record(200, 30_000_000);
        route.record(401, 100_000);
        String text = text(null);
        assertThat(text)
                .contains("http_requests_total{method=\"GET\",route=\"/api/user-data\",status=\"200\"} 2")
                .contains("http_requests_total{method=\"GET\",route=\"/api/user-data\",status=\"401\"} 1")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/user-data\",status=\"200\",le=\"0.001\"} 0")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/user-data\",status=\"200\",le=\"0.005\"} 1")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/user-data\",status=\"200\",le=\"0.05\"} 2")
                .contains("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/user-data\",status=\"200\",le=\"+Inf\"} 2")
                .contains("http_request_duration_seconds_count{method=\"GET\",route=\"/api/user-data\",status=\"200\"} 2")
                .contains("http_request_errors_total{error_type=\"unauthorized\",method=\"GET\",route=\"/api/user-data\"} 1")
                .doesNotContain("error_type=\"null\"");
        assertThat(metrics.scrape(null).contentType()).startsWith("text/plain; version=0.0.4");
    }

    @Test
    void every_bucket_of_the_contract_is_exported() {
        metrics.route("GET", "/health").record(200, 1);
        String text = text("text/plain");
        for (String le : new String[] {"0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "2.0", "5.0", "+Inf"}) {
            assertThat(text).contains("route=\"/health\",status=\"200\",le=\"" + le + "\"}");
        }
    }

    @Test
    void includes_jvm_and_process_metrics() {
        assertThat(text(null)).contains("jvm_memory_used_bytes").contains("jvm_threads_current")
                .contains("process_cpu_seconds_total");
    }

    @Test
    void speaks_openmetrics_when_asked() {
        metrics.route("GET", "/metrics").record(200, 1);
        ScrapeMetricsPort.Scrape exposition = metrics.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(exposition.contentType()).startsWith("application/openmetrics-text");
        assertThat(new String(exposition.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void records_database_queries_and_pool_numbers() {
        metrics.queryCompleted("select", "user_recap_data", 3_000_000);
        int[] active = {2};
        metrics.databasePool(() -> 20, () -> active[0], () -> 20 - active[0]);
        String text = text(null);
        assertThat(text)
                .contains("db_query_duration_seconds_bucket{query_type=\"select\",table=\"user_recap_data\",le=\"0.005\"} 1")
                .contains("db_query_duration_seconds_count{query_type=\"select\",table=\"user_recap_data\"} 1")
                .contains("db_connection_pool_size 20.0")
                .contains("db_connection_pool_active 2.0")
                .contains("db_connection_pool_idle 18.0");
        active[0] = 5;
        assertThat(text(null)).contains("db_connection_pool_active 5.0");
    }

    @Test
    void records_cache_hits_misses_and_operations_per_layer() {
        metrics.hit("local");
        metrics.hit("local");
        metrics.miss("local");
        metrics.hit("redis");
        metrics.miss("redis");
        metrics.operation("get", "redis", 300_000);
        String text = text(null);
        assertThat(text)
                .contains("cache_hits_total{cache_type=\"local\"} 2")
                .contains("cache_misses_total{cache_type=\"local\"} 1")
                .contains("cache_hits_total{cache_type=\"redis\"} 1")
                .contains("cache_misses_total{cache_type=\"redis\"} 1")
                .contains("cache_operation_duration_seconds_bucket{cache_type=\"redis\",operation=\"get\",le=\"5.0E-4\"} 1")
                .contains("cache_operation_duration_seconds_count{cache_type=\"redis\",operation=\"get\"} 1");
    }

    @Test
    void error_types_are_bounded_names() {
        assertThat(HttpRouteMetrics.errorType(200)).isNull();
        assertThat(HttpRouteMetrics.errorType(304)).isNull();
        assertThat(HttpRouteMetrics.errorType(404)).isEqualTo("not_found");
        assertThat(HttpRouteMetrics.errorType(418)).isEqualTo("client_error");
        assertThat(HttpRouteMetrics.errorType(502)).isEqualTo("server_error");
    }
}
