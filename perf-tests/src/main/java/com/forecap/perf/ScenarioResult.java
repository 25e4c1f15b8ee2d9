package com.forecap.perf;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A scenario's runs and what was measured around them.
 *
 * @param name         scenario name
 * @param source       {@code wrk} (local harness) or {@code k6}
 * @param runs         the runs, at least one
 * @param cacheHitRate share of requests a cache answered, or {@code null} when there is no cache
 * @param localHitRate share of lookups the near cache answered, or {@code null}
 * @param redisHitRate share of lookups reaching Redis that it answered, or {@code null}
 * @param cpuPercent   the service's CPU use as a share of the machine, or {@code null}
 * @param rssMb        the service's resident memory at the end, or {@code null}
 */
public record ScenarioResult(String name, String source, List<RunFigures> runs, Double cacheHitRate, Double localHitRate,
                             Double redisHitRate, Double cpuPercent, Double rssMb, List<Slice> slices) {

    /**
     * One consecutive slice of a scenario measured over time (the cold start): its run and the cache
     * hit ratios within it.
     *
     * @param endSecond    seconds since the scenario started, at the end of the slice
     * @param run          the slice's figures
     * @param localHitRate near-cache hits within the slice, or {@code null}
     * @param redisHitRate Redis hits within the slice, or {@code null}
     * @param hitRate      requests answered from a cache within the slice, or {@code null}
     */
    public record Slice(double endSecond, RunFigures run, Double localHitRate, Double redisHitRate, Double hitRate) {
    }

    /** Copies and validates. */
    public ScenarioResult {
        slices = slices == null ? List.of() : List.copyOf(slices);
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no runs");
        }
    }

    /**
     * The median of a figure over the runs.
     *
     * @param figure which figure
     * @return the median
     */
    public double median(ToDoubleFunction<RunFigures> figure) {
        return RunFigures.median(runs, figure);
    }

    /**
     * The smallest value of a figure over the runs.
     *
     * @param figure which figure
     * @return the minimum
     */
    public double min(ToDoubleFunction<RunFigures> figure) {
        return Arrays.stream(runs.stream().mapToDouble(figure).toArray()).min().orElse(0);
    }

    /**
     * The largest value of a figure over the runs.
     *
     * @param figure which figure
     * @return the maximum
     */
    public double max(ToDoubleFunction<RunFigures> figure) {
        return Arrays.stream(runs.stream().mapToDouble(figure).toArray()).max().orElse(0);
    }

    /**
     * Failed requests over all runs divided by all requests.
     *
     * @return the error rate
     */
    public double errorRate() {
        long requests = runs.stream().mapToLong(RunFigures::requests).sum();
        long failures = runs.stream().mapToLong(RunFigures::failures).sum();
        return requests == 0 ? 0 : (double) failures / requests;
    }
}
