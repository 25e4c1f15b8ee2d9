package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The charts of the stack report, slice by slice with a line per load run: requests per second, requests answered
 * from a cache, and the containers' and Redis's memory over the longest run.
 */
final class StackCharts {

    private StackCharts() {
    }

    /**
     * Draws the charts of the load runs; none when there are no load runs.
     *
     * @param runs   the phases with slices, in the order they ran
     * @param folder where the PNGs go
     * @throws IOException when they cannot be written
     */
    static void draw(List<StackPhase> runs, Path folder) throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        double slice = runs.get(0).slices().get(0).end() - runs.get(0).slices().get(0).start();
        Charts.slices("Requests per second, per slice", "requests/s",
                perSlice(runs, (p, s) -> s.run().rps()), slice, folder.resolve("stack-requests-per-second.png"));
        Charts.slices("Requests answered from a cache (near cache or Redis), per slice", "hit ratio",
                perSlice(runs, StackPhase::sliceHitRatio), slice, folder.resolve("stack-hit-ratio.png"));
        Charts.slices("Memory at the end of each slice (MiB)", "MiB", memorySeries(runs), slice,
                folder.resolve("stack-memory.png"));
    }

    private interface SliceFigure {
        double of(StackPhase phase, StackPhase.SliceRun slice);
    }

    private static Map<String, double[]> perSlice(List<StackPhase> runs, SliceFigure figure) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (StackPhase phase : runs) {
            series.put(phase.name(), phase.slices().stream().mapToDouble(s -> figure.of(phase, s)).toArray());
        }
        return series;
    }

    private static Map<String, double[]> memorySeries(List<StackPhase> runs) {
        Map<String, double[]> series = new LinkedHashMap<>();
        StackPhase longest = runs.stream().max(Comparator.comparingInt(p -> p.slices().size())).orElseThrow();
        DoubleUnaryOperator mib = v -> v / StackReport.MB;
        for (String column : List.of("api_memory_bytes", "api_rss_bytes", "mysql_memory_bytes", "redis_memory_bytes", "redis_used_memory")) {
            series.put(longest.name() + " " + column.replace("_bytes", "").replace('_', ' '),
                    longest.slices().stream().mapToDouble(s -> mib.applyAsDouble(longest.at(column, s.end()))).toArray());
        }
        double[] limit = new double[longest.slices().size()];
        Arrays.fill(limit, longest.first("redis_maxmemory") / StackReport.MB);
        series.put("redis maxmemory", limit);
        return series;
    }
}
