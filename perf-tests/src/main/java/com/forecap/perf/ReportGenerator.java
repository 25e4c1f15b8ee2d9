package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes {@code report.md} and its charts for a results directory: the operator guide's "Performance
 * Benchmarks for t3.medium" table filled in with the measured figures and judged row by row, one
 * table per scenario with the median and spread of its runs, and the k6 summaries when present.
 *
 * <p>Usage: {@code java -jar forecap-perf-tests.jar RESULTS_DIR}; with {@code --compare DIR}, the side-by-side
 * report of {@code compare.sh} instead ({@link CompareReport}); with {@code --stack DIR}, the production stack's
 * run of {@code stack.sh} ({@link StackReport}).
 */
public final class ReportGenerator {

    /** Memory of the guide's box (t3.medium), the denominator of "memory usage". */
    static final double T3_MEDIUM_MB = 4096;

    private ReportGenerator() {
    }

    /**
     * Entry point.
     *
     * @param args the results directory of {@code run.sh}, or {@code --compare} and the folder of {@code compare.sh}
     */
    public static void main(String[] args) {
        boolean compare = args.length == 2 && args[0].equals("--compare");
        boolean stack = args.length == 2 && args[0].equals("--stack");
        if (args.length != 1 && !compare && !stack) {
            System.err.println("usage: report RESULTS_DIR | report --compare COMPARE_DIR | report --stack STACK_DIR");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        try {
            Path report = compare ? CompareReport.generate(Path.of(args[1]))
                    : stack ? StackReport.generate(Path.of(args[1])) : generate(Path.of(args[0]));
            System.out.println("report written to " + report);
        } catch (IOException | RuntimeException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Reads a results directory and writes the report and charts into it.
     *
     * @param directory the results directory
     * @return the report file
     * @throws IOException when reading or writing fails
     */
    public static Path generate(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ResultsReader.Results results = ResultsReader.read(directory);
        if (results.scenarios().isEmpty()) {
            throw new IllegalArgumentException("no scenario results in " + directory);
        }
        Path charts = directory.resolve("charts");
        Charts.latency(results.scenarios(), charts);
        Charts.throughput(results.scenarios(), charts);
        Path report = directory.resolve("report.md");
        Files.writeString(report, markdown(results));
        return report;
    }

    /**
     * The report's text.
     *
     * @param results what was measured
     * @return markdown
     */
    static String markdown(ResultsReader.Results results) {
        Properties facts = results.facts();
        StringBuilder md = new StringBuilder();
        md.append("# Load Test Report - Forecap recap service\n\n");
        md.append("Date: ").append(facts.getProperty("date", ZonedDateTime.now().toString())).append("\n\n");
        md.append("## Test Configuration\n\n");
        Formats.line(md, "Command", "`" + facts.getProperty("command", "(not recorded)") + "`");
        Formats.line(md, "Mode", facts.getProperty("mode", "?") + ", " + facts.getProperty("users", "?") + " users");
        Formats.line(md, "Load", facts.getProperty("tool", "wrk") + ", " + facts.getProperty("connections", "?") + " connections, "
                + facts.getProperty("threads", "?") + " threads, " + facts.getProperty("runs", "?") + " runs of "
                + facts.getProperty("duration", "?") + " per scenario after " + facts.getProperty("warmup", "?") + " of warm-up");
        Formats.line(md, "Machine", Formats.machine(facts));
        Formats.line(md, "Java", facts.getProperty("java", "?") + ", options `" + facts.getProperty("java_opts", "") + "`");
        Formats.line(md, "Service", facts.getProperty("service", "?"));
        md.append("\nThe load generator runs on the same machine as the service, so every figure is also bounded by ")
                .append("the CPU the load generator takes. Each figure is the median of the runs; the spread is min-max.\n");

        // the guide's verdicts judge the steady state: the first scenario other than the cold start
        ScenarioResult primary = results.scenarios().stream().filter(s -> !s.name().equals("cold-start")).findFirst()
                .orElse(results.scenarios().get(0));
        md.append("\n## Performance Benchmarks for t3.medium (scenario `").append(primary.name()).append("`)\n\n");
        benchmarkTable(md, primary, "no cache in this mode");

        md.append("\n## Scenarios\n\n");
        md.append("| Scenario | Source | Runs | Requests/s median (min-max) | p50 | p90 | p95 | p99 | max | Errors | Cache hit (local / redis / overall) | CPU | RSS |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult scenario : results.scenarios()) {
            md.append("| ").append(scenario.name()).append(" | ").append(scenario.source()).append(" | ").append(scenario.runs().size())
                    .append(" | ").append(String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", scenario.median(RunFigures::rps),
                            scenario.min(RunFigures::rps), scenario.max(RunFigures::rps)))
                    .append(" | ").append(Formats.ms(scenario.median(RunFigures::p50)))
                    .append(" | ").append(Formats.ms(scenario.median(RunFigures::p90)))
                    .append(" | ").append(Formats.ms(scenario.median(RunFigures::p95)))
                    .append(" | ").append(Formats.ms(scenario.median(RunFigures::p99)))
                    .append(" | ").append(Formats.ms(scenario.max(RunFigures::max)))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f%%", scenario.errorRate() * 100))
                    .append(" | ").append(Formats.rate(scenario.localHitRate())).append(" / ").append(Formats.rate(scenario.redisHitRate()))
                    .append(" / ").append(Formats.rate(scenario.cacheHitRate()))
                    .append(" | ").append(scenario.cpuPercent() == null ? "-" : Formats.percent(scenario.cpuPercent()))
                    .append(" | ").append(scenario.rssMb() == null ? "-" : Formats.megabytes(scenario.rssMb()))
                    .append(" |\n");
        }
        md.append("\nPer run (requests/s, p99):\n\n");
        for (ScenarioResult scenario : results.scenarios()) {
            md.append("- ").append(scenario.name()).append(": ");
            List<RunFigures> runs = scenario.runs();
            for (int i = 0; i < runs.size(); i++) {
                md.append(i == 0 ? "" : "; ")
                        .append(String.format(Locale.ROOT, "%,.0f rps, p99 %s", runs.get(i).rps(), Formats.ms(runs.get(i).p99())));
            }
            md.append('\n');
        }
        for (ScenarioResult scenario : results.scenarios()) {
            if (scenario.slices().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(scenario.name()).append(" over time\n\n");
            md.append("Consecutive slices from the moment the service answered `/health/ready`")
                    .append(" (a new wrk run each slice, so a few milliseconds between slices are not measured).\n\n");
            md.append("| Slice ends at | Requests/s | p50 | p99 | max | Errors | Cache hit (local / redis / overall) |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (ScenarioResult.Slice slice : scenario.slices()) {
                RunFigures run = slice.run();
                md.append(String.format(Locale.ROOT, "| %.0f s | %,.0f | %s | %s | %s | %,d of %,d | %s / %s / %s |%n",
                        slice.endSecond(), run.rps(), Formats.ms(run.p50()), Formats.ms(run.p99()), Formats.ms(run.max()),
                        run.failures(), run.requests(), Formats.rate(slice.localHitRate()), Formats.rate(slice.redisHitRate()),
                        Formats.rate(slice.hitRate())));
            }
        }
        md.append("\n## Charts\n\n");
        md.append("![Latency percentiles](charts/").append(Charts.LATENCY).append(")\n\n");
        md.append("![Requests per second](charts/").append(Charts.THROUGHPUT).append(")\n");
        return md.toString();
    }

    /**
     * The guide's "Performance Benchmarks for t3.medium" table for one scenario, judged row by row.
     *
     * @param md      where it goes
     * @param primary the scenario judged (medians of its runs)
     * @param noCache what the cache row says when the scenario has no cache figures
     */
    static void benchmarkTable(StringBuilder md, ScenarioResult primary, String noCache) {
        Double memory = primary.rssMb() == null ? null : 100 * primary.rssMb() / T3_MEDIUM_MB;
        benchmarkTable(md, primary, noCache,
                primary.cpuPercent(), primary.cpuPercent() == null ? "-" : Formats.percent(primary.cpuPercent()) + " (service process)",
                memory, memory == null ? "-"
                        : Formats.percent(memory) + String.format(Locale.ROOT, " (RSS %,.0f MB of 4 GB)", primary.rssMb()));
    }

    /**
     * The guide's table with the CPU and memory rows measured as the caller says (a process, or containers).
     *
     * @param md         where it goes
     * @param primary    the scenario judged (medians of its runs)
     * @param noCache    what the cache row says when the scenario has no cache figures
     * @param cpu        CPU usage in percent, or {@code null}
     * @param cpuText    the CPU row's measured cell
     * @param memory     memory usage in percent of the box, or {@code null}
     * @param memoryText the memory row's measured cell
     */
    static void benchmarkTable(StringBuilder md, ScenarioResult primary, String noCache, Double cpu, String cpuText,
                               Double memory, String memoryText) {
        md.append("| Metric | Measured | Target | Acceptable | Needs Optimization | Verdict |\n");
        md.append("|--------|----------|--------|------------|-------------------|---------|\n");
        double p50 = primary.median(RunFigures::p50);
        double p95 = primary.median(RunFigures::p95);
        double p99 = primary.median(RunFigures::p99);
        double rps = primary.median(RunFigures::rps);
        double errors = primary.errorRate() * 100;
        row(md, "**p50 Response**", Formats.ms(p50), "< 30ms", "< 50ms", "> 50ms", Verdict.lowerIsBetter(p50, 30, 50));
        row(md, "**p95 Response**", Formats.ms(p95), "< 100ms", "< 200ms", "> 200ms", Verdict.lowerIsBetter(p95, 100, 200));
        row(md, "**p99 Response**", Formats.ms(p99), "< 200ms", "< 500ms", "> 500ms", Verdict.lowerIsBetter(p99, 200, 500));
        row(md, "**Throughput**", String.format(Locale.ROOT, "%,.0f RPS", rps), "> 1000 RPS", "> 500 RPS", "< 500 RPS",
                Verdict.higherIsBetter(rps, 1000, 500));
        row(md, "**Error Rate**", String.format(Locale.ROOT, "%.3f%%", errors), "< 0.1%", "< 1%", "> 1%",
                Verdict.lowerIsBetter(errors, 0.1, 1));
        Double hit = primary.cacheHitRate() == null ? null : primary.cacheHitRate() * 100;
        row(md, "**Cache Hit Rate**", hit == null ? noCache : Formats.percent(hit), "> 90%", "> 80%", "< 80%",
                Verdict.higherIsBetter(hit, 90, 80));
        row(md, "**CPU Usage**", cpuText, "< 60%", "< 80%", "> 80%", Verdict.lowerIsBetter(cpu, 60, 80));
        row(md, "**Memory Usage**", memoryText, "< 70%", "< 85%", "> 85%", Verdict.lowerIsBetter(memory, 70, 85));
    }

    private static void row(StringBuilder md, String metric, String measured, String target, String acceptable, String needs,
                            Verdict verdict) {
        md.append("| ").append(metric).append(" | ").append(measured).append(" | ").append(target).append(" | ")
                .append(acceptable).append(" | ").append(needs).append(" | ").append(verdict.label()).append(" |\n");
    }
}
