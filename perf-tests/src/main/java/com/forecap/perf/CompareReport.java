package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes {@code report.md} and its charts for a folder of {@code perf-tests/compare.sh}: the candidates side
 * by side per scenario (medians over rounds, spread min-max), the cold start slice by slice, where each
 * candidate wins, and the guide's "Performance Benchmarks for t3.medium" table per candidate. The ranking
 * is {@link CompareRanking}'s, the tables {@link CompareTables}'; this class writes the head, the charts and the file.
 *
 * <p>Usage: {@code java -jar forecap-perf-tests.jar --compare COMPARE_DIR}.
 */
final class CompareReport {

    /** The scenarios measured after a warm-up, in report order. */
    static final List<String> STEADY = List.of("realistic", "hot");
    /** The cold start's totals cover this many seconds from readiness (all slices when they are shorter). */
    static final double FIRST_SECONDS = 20;

    private CompareReport() {
    }

    /**
     * Reads a comparison folder and writes the report and charts into it.
     *
     * @param directory the folder compare.sh wrote
     * @return the report file
     * @throws IOException when reading or writing fails
     */
    static Path generate(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Comparison comparison = Comparison.read(directory);
        if (comparison.trials().isEmpty()) {
            throw new IllegalArgumentException("no rounds in " + directory);
        }
        charts(comparison, directory.resolve("charts"));
        Path report = directory.resolve("report.md");
        Files.writeString(report, markdown(comparison));
        return report;
    }

    /**
     * The report's text.
     *
     * @param comparison what was measured
     * @return markdown
     */
    static String markdown(Comparison comparison) {
        Properties facts = comparison.facts();
        List<String> candidates = comparison.candidates();
        StringBuilder md = new StringBuilder();
        md.append("# Side by side - ").append(String.join(" vs ", candidates)).append("\n\n");
        md.append("Date: ").append(facts.getProperty("date", "?")).append("\n\n");
        md.append("## Test Configuration\n\n");
        Formats.line(md, "Command", "`" + facts.getProperty("command", "(not recorded)") + "`");
        Formats.line(md, "Data", "MySQL database `" + facts.getProperty("mysql_database", "?") + "` on "
                + facts.getProperty("mysql_host", "?") + ", ids 1.." + facts.getProperty("users", "?")
                + "; each candidate gets its own empty Redis (" + facts.getProperty("redis", "redis-server") + ") for each round");
        Formats.line(md, "Load", facts.getProperty("tool", "wrk") + ", " + facts.getProperty("connections", "?") + " connections, "
                + facts.getProperty("threads", "?") + " threads; cold start: " + facts.getProperty("slices", "?") + " slices of "
                + facts.getProperty("slice_seconds", "?") + " s from the first 200 of the readiness path, no warm-up; realistic and hot: "
                + facts.getProperty("duration_seconds", "?") + " s each after " + facts.getProperty("warmup_seconds", "?")
                + " s of warm-up with the same mix, on the same process");
        Formats.line(md, "Rounds", comparison.rounds() + " (" + orders(comparison) + ")");
        Formats.line(md, "Machine", Formats.machine(facts));
        md.append("\n| Candidate | Command | Directory | Readiness |\n|---|---|---|---|\n");
        for (String candidate : candidates) {
            md.append("| ").append(candidate).append(" | `").append(facts.getProperty("candidate." + candidate + ".command", "?"))
                    .append("` | ").append(facts.getProperty("candidate." + candidate + ".dir", "."))
                    .append(" | ").append(readinessPaths(comparison, candidate)).append(" |\n");
        }
        md.append("\nThe load generator runs on the same machine as the candidates, so every figure is also bounded by the ")
                .append("CPU it takes. Figures are medians over rounds, with the spread (min-max) when there were several. ")
                .append("CPU seconds are the service process's user + system time (`/proc/PID/stat`) over the measured window; ")
                .append("peak RSS is `VmHWM` (since the process started), RSS `VmRSS` at the end of the scenario.\n");

        CompareRanking.wins(md, comparison, CompareRanking.figures(comparison));
        CompareTables.coldStart(md, comparison);
        for (String scenario : STEADY) {
            CompareTables.steady(md, comparison, scenario);
        }
        CompareTables.benchmarks(md, comparison);
        CompareTables.rounds(md, comparison);
        md.append("\n## Charts\n\n");
        md.append("![Requests per second per candidate](charts/").append(Charts.CANDIDATES_RPS).append(")\n\n");
        md.append("![Cold start: requests per second per slice](charts/").append(Charts.COLD_START_RPS).append(")\n\n");
        md.append("![Cold start: p99 per slice](charts/").append(Charts.COLD_START_P99).append(")\n");
        return md.toString();
    }

    private static void charts(Comparison comparison, Path folder) throws IOException {
        Map<String, double[]> rps = new LinkedHashMap<>();
        Map<String, double[]> p99 = new LinkedHashMap<>();
        Map<String, Map<String, Double>> steady = new LinkedHashMap<>();
        for (String candidate : comparison.candidates()) {
            List<List<RunFigures>> slices = comparison.coldStartSlices(candidate);
            if (!slices.isEmpty()) {
                rps.put(candidate, slices.stream().mapToDouble(runs -> RunFigures.median(runs, RunFigures::rps)).toArray());
                p99.put(candidate, slices.stream().mapToDouble(runs -> RunFigures.median(runs, RunFigures::p99)).toArray());
            }
            Map<String, Double> byScenario = new LinkedHashMap<>();
            for (String scenario : STEADY) {
                Spread spread = Spread.of(comparison.perRun(candidate, scenario, RunFigures::rps));
                if (spread != null) {
                    byScenario.put(scenario, spread.median());
                }
            }
            steady.put(candidate, byScenario);
        }
        double slice = comparison.sliceSeconds();
        Charts.slices("Cold start: requests per second per slice", "requests/s", rps, slice, folder.resolve(Charts.COLD_START_RPS));
        Charts.slices("Cold start: p99 per slice", "milliseconds", p99, slice, folder.resolve(Charts.COLD_START_P99));
        Charts.candidates(steady, folder);
    }

    /** How many slices from the start fall within {@link #FIRST_SECONDS} (at least one). */
    static int firstSlices(Comparison comparison) {
        int slices = Integer.parseInt(comparison.facts().getProperty("slices", "6"));
        return Math.max(1, Math.min(slices, (int) Math.floor(FIRST_SECONDS / comparison.sliceSeconds() + 1e-9)));
    }

    private static String orders(Comparison comparison) {
        return comparison.trials().stream().collect(Collectors.groupingBy(Comparison.Trial::round, LinkedHashMap::new,
                        Collectors.mapping(Comparison.Trial::candidate, Collectors.joining(", "))))
                .entrySet().stream().map(e -> "round " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }

    private static String readinessPaths(Comparison comparison, String candidate) {
        return comparison.trialsOf(candidate).stream().map(t -> t.info().getProperty("ready_path", "")).filter(p -> !p.isEmpty())
                .distinct().map(p -> "`" + p + "`").collect(Collectors.collectingAndThen(Collectors.joining(", "), s -> s.isEmpty() ? "-" : s));
    }
}
