package com.forecap.perf;

import java.util.List;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The figures of one load run (one wrk run, or one k6 test), latencies in milliseconds.
 *
 * @param requests requests completed
 * @param rps      requests per second
 * @param p50      median latency
 * @param p90      90th percentile
 * @param p95      95th percentile
 * @param p99      99th percentile
 * @param max      slowest request
 * @param failures requests that got no 2xx/3xx answer or failed at the socket
 */
public record RunFigures(long requests, double rps, double p50, double p90, double p95, double p99, double max, long failures) {

    /**
     * Reads the JSON the wrk script's {@code done()} writes.
     *
     * @param json the parsed file
     * @return the figures
     */
    public static RunFigures fromWrk(JsonNode json) {
        long failures = json.path("non_2xx").asLong() + json.path("connect_errors").asLong() + json.path("read_errors").asLong()
                + json.path("write_errors").asLong() + json.path("timeouts").asLong();
        return new RunFigures(json.path("requests").asLong(), json.path("rps").asDouble(), json.path("p50_ms").asDouble(),
                json.path("p90_ms").asDouble(), json.path("p95_ms").asDouble(), json.path("p99_ms").asDouble(),
                json.path("max_ms").asDouble(), failures);
    }

    /**
     * Reads a k6 summary written by the k6 scripts' {@code handleSummary}.
     *
     * @param json the parsed summary
     * @return the figures
     */
    public static RunFigures fromK6(JsonNode json) {
        JsonNode metrics = json.path("metrics");
        JsonNode duration = metrics.path("http_req_duration").path("values");
        long requests = metrics.path("http_reqs").path("values").path("count").asLong();
        double failedRate = metrics.path("http_req_failed").path("values").path("rate").asDouble();
        return new RunFigures(requests, metrics.path("http_reqs").path("values").path("rate").asDouble(),
                duration.path("p(50)").asDouble(duration.path("med").asDouble()), duration.path("p(90)").asDouble(),
                duration.path("p(95)").asDouble(), duration.path("p(99)").asDouble(), duration.path("max").asDouble(),
                Math.round(failedRate * requests));
    }

    /**
     * The median of a figure over runs.
     *
     * @param runs   at least one run
     * @param figure which figure
     * @return the median
     */
    static double median(List<RunFigures> runs, ToDoubleFunction<RunFigures> figure) {
        return Spread.median(runs.stream().mapToDouble(figure).sorted().toArray());
    }

    /**
     * Share of failed requests.
     *
     * @return a fraction, 0 when there were no requests
     */
    public double errorRate() {
        return requests == 0 ? 0 : (double) failures / requests;
    }

    /**
     * How long the run lasted, from its request count and rate.
     *
     * @return seconds
     */
    public double durationSeconds() {
        return rps <= 0 ? 0 : requests / rps;
    }
}
