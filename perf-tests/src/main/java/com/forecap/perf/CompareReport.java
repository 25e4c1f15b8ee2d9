package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code report.md} and its charts for a folder of {@code perf-tests/compare.sh}: the candidates side
 * by side per scenario (medians over rounds, spread min-max), the cold start slice by slice, where each
 * candidate wins, and the guide's "Performance Benchmarks for t3.medium" table per candidate.
 *
 * <p>Usage: {@code java -jar forecap-perf-tests.jar --compare COMPARE_DIR}.
 */
final class CompareReport {

    /** The scenarios measured after a warm-up, in report order. */
    static final List<String> STEADY = List.of("realistic", "hot");
    /** The cold start's totals cover this many seconds from readiness (all slices when they are shorter). */
    static final double FIRST_SECONDS = 20;
    private static final String COLD = Comparison.COLD_START;

    private CompareReport() {
    }

    /**
     * One compared figure: every candidate's spread, the better direction, how to print it.
     *
     * @param scenario       scenario name
     * @param metric         what is compared
     * @param higherIsBetter direction
     * @param format         how a value prints
     * @param values         spread per candidate (candidates without the figure are absent)
     */
    record Figure(String scenario, String metric, boolean higherIsBetter, DoubleFunction<String> format, Map<String, Spread> values) {

        /** Candidates from best to worst by median. */
        List<Map.Entry<String, Spread>> ranking() {
            Comparator<Map.Entry<String, Spread>> byMedian = Comparator.comparingDouble(e -> e.getValue().median());
            return values.entrySet().stream().sorted(higherIsBetter ? byMedian.reversed() : byMedian).toList();
        }
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
        Formats.line(md, "Data", "MySQL database `" + facts.getProperty("mysql_database", "?") + "` on " + facts.getProperty("mysql_host", "?")
                + ", ids 1.." + facts.getProperty("users", "?") + "; each candidate gets its own empty Redis ("
                + facts.getProperty("redis", "redis-server") + ") for each round");
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

        List<Figure> figures = figures(comparison);
        wins(md, comparison, figures);
        coldStart(md, comparison);
        for (String scenario : STEADY) {
            steady(md, comparison, scenario);
        }
        md.append("\n## Performance Benchmarks for t3.medium (scenario `realistic`), per candidate\n");
        for (String candidate : candidates) {
            ScenarioResult realistic = steadyResult(comparison, candidate, "realistic");
            md.append("\n### ").append(candidate).append("\n\n");
            if (realistic == null) {
                md.append("Not measured.\n");
            } else {
                ReportGenerator.benchmarkTable(md, realistic, "not measured (candidates count cache hits differently)");
            }
        }
        rounds(md, comparison);
        md.append("\n## Charts\n\n");
        md.append("![Requests per second per candidate](charts/").append(Charts.CANDIDATES_RPS).append(")\n\n");
        md.append("![Cold start: requests per second per slice](charts/").append(Charts.COLD_START_RPS).append(")\n\n");
        md.append("![Cold start: p99 per slice](charts/").append(Charts.COLD_START_P99).append(")\n");
        return md.toString();
    }

    /** Every figure the candidates are ranked by. */
    static List<Figure> figures(Comparison comparison) {
        List<Figure> figures = new ArrayList<>();
        figures.add(figure(comparison, COLD, "time to ready", false, Formats::millis,
                c -> comparison.trialsOf(c).stream().map(Comparison.Trial::readyMillis).filter(v -> v != null).toList()));
        int first = firstSlices(comparison);
        figures.add(figure(comparison, COLD, "requests in the first " + Formats.seconds(first * comparison.sliceSeconds()), true,
                Formats::count, c -> comparison.measurements(c, COLD).stream()
                        .map(m -> (double) m.runs().stream().limit(first).mapToLong(RunFigures::requests).sum()).toList()));
        figures.add(figure(comparison, COLD, "worst slice p99", false, Formats::ms, c -> comparison.measurements(c, COLD).stream()
                .map(m -> m.runs().stream().mapToDouble(RunFigures::p99).max().orElse(0)).toList()));
        figures.add(figure(comparison, COLD, "errors", false, Formats::count, c -> comparison.measurements(c, COLD).stream()
                .map(m -> (double) m.runs().stream().mapToLong(RunFigures::failures).sum()).toList()));
        for (String scenario : STEADY) {
            figures.add(figure(comparison, scenario, "requests/s", true, Formats::count, c -> comparison.perRun(c, scenario, RunFigures::rps)));
            figures.add(figure(comparison, scenario, "p50", false, Formats::ms, c -> comparison.perRun(c, scenario, RunFigures::p50)));
            figures.add(figure(comparison, scenario, "p99", false, Formats::ms, c -> comparison.perRun(c, scenario, RunFigures::p99)));
            figures.add(figure(comparison, scenario, "errors", false, Formats::count,
                    c -> comparison.perRun(c, scenario, r -> (double) r.failures())));
            figures.add(figure(comparison, scenario, "CPU ms per 1000 requests", false, Formats::decimal,
                    c -> comparison.measurements(c, scenario).stream().map(Comparison.Measurement::cpuMillisPerThousand)
                            .filter(v -> v != null).toList()));
        }
        figures.add(figure(comparison, "all", "peak RSS", false, Formats::megabytes, c -> comparison.trialsOf(c).stream()
                .map(t -> t.scenarios().values().stream().filter(m -> m.process() != null)
                        .mapToDouble(m -> m.process().peakRssMb()).max())
                .filter(v -> v.isPresent()).map(v -> v.getAsDouble()).toList()));
        return figures;
    }

    private static Figure figure(Comparison comparison, String scenario, String metric, boolean higherIsBetter,
                                 DoubleFunction<String> format, Function<String, List<Double>> values) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        for (String candidate : comparison.candidates()) {
            Spread spread = Spread.of(values.apply(candidate));
            if (spread != null) {
                spreads.put(candidate, spread);
            }
        }
        return new Figure(scenario, metric, higherIsBetter, format, spreads);
    }

    private static void wins(StringBuilder md, Comparison comparison, List<Figure> figures) {
        md.append("\n## Where each candidate wins\n\n");
        md.append("Best median first; \"within the spread\" when the runner-up's range over the rounds overlaps the winner's, ")
                .append("so that the order could flip on another run.\n\n");
        md.append("| Scenario | Figure | Best | Runner-up | Ratio | Note |\n|---|---|---|---|---|---|\n");
        Map<String, List<String>> won = new LinkedHashMap<>();
        comparison.candidates().forEach(c -> won.put(c, new ArrayList<>()));
        for (Figure figure : figures) {
            List<Map.Entry<String, Spread>> ranking = figure.ranking();
            if (ranking.size() < 2) {
                continue;
            }
            Map.Entry<String, Spread> best = ranking.get(0);
            Map.Entry<String, Spread> next = ranking.get(1);
            double a = best.getValue().median();
            double b = next.getValue().median();
            boolean tie = a == b;
            double ratio = figure.higherIsBetter() ? a / b : b / a;
            String ratioText = tie ? "1.00x" : Double.isFinite(ratio) && b != 0 && a != 0 ? String.format(Locale.ROOT, "%.2fx", ratio) : "-";
            boolean noise = comparison.rounds() > 1 && best.getValue().overlaps(next.getValue());
            String note = tie ? "tie" : noise ? "within the spread" : "";
            md.append("| ").append(figure.scenario()).append(" | ").append(figure.metric())
                    .append(" | ").append(tie ? best.getKey() : "**" + best.getKey() + "**").append(' ').append(best.getValue().format(figure.format()))
                    .append(" | ").append(next.getKey()).append(' ').append(next.getValue().format(figure.format()))
                    .append(" | ").append(ratioText).append(" | ").append(note).append(" |\n");
            if (!tie) {
                won.get(best.getKey()).add(figure.scenario() + " " + figure.metric() + " (" + ratioText + (noise ? ", within the spread" : "") + ")");
            }
        }
        md.append('\n');
        won.forEach((candidate, list) -> md.append("- **").append(candidate).append("** is best at: ")
                .append(list.isEmpty() ? "none of these figures" : String.join("; ", list)).append('\n'));
    }

    private static void coldStart(StringBuilder md, Comparison comparison) {
        List<String> candidates = comparison.candidates().stream().filter(c -> !comparison.measurements(c, COLD).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return;
        }
        double slice = comparison.sliceSeconds();
        md.append("\n## cold-start\n\n");
        md.append("Each candidate just started with an empty Redis; the clock starts when its readiness path first answers 200. ")
                .append("Consecutive wrk runs of the realistic mix, no warm-up.\n\n");
        md.append("| Candidate | Ready after launch | CPU s (cold start) | CPU ms / 1000 requests | Peak RSS |\n|---|---|---|---|---|\n");
        for (String candidate : candidates) {
            List<Comparison.Measurement> measured = comparison.measurements(candidate, COLD);
            md.append("| ").append(candidate)
                    .append(" | ").append(format(Spread.of(comparison.trialsOf(candidate).stream().map(Comparison.Trial::readyMillis)
                            .filter(v -> v != null).toList()), Formats::millis))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::cpuSeconds), Formats::decimal))
                    .append(" | ").append(format(Spread.of(measured.stream().map(Comparison.Measurement::cpuMillisPerThousand)
                            .filter(v -> v != null).toList()), Formats::decimal))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::peakRssMb), Formats::megabytes))
                    .append(" |\n");
        }
        md.append("\nPer slice (medians over rounds; errors summed over rounds):\n\n| Slice ends at |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String candidate : candidates) {
            for (String column : List.of("req/s", "p50", "p95", "p99", "errors")) {
                md.append(' ').append(candidate).append(' ').append(column).append(" |");
                rule.append("---|");
            }
        }
        md.append('\n').append(rule).append('\n');
        int slices = candidates.stream().mapToInt(c -> comparison.coldStartSlices(c).size()).max().orElse(0);
        for (int i = 0; i < slices; i++) {
            md.append("| ").append(Formats.seconds((i + 1) * slice)).append(" |");
            for (String candidate : candidates) {
                List<List<RunFigures>> perSlice = comparison.coldStartSlices(candidate);
                if (i >= perSlice.size()) {
                    md.append(" - | - | - | - | - |");
                    continue;
                }
                List<RunFigures> runs = perSlice.get(i);
                md.append(' ').append(Formats.count(RunFigures.median(runs, RunFigures::rps)))
                        .append(" | ").append(Formats.ms(RunFigures.median(runs, RunFigures::p50)))
                        .append(" | ").append(Formats.ms(RunFigures.median(runs, RunFigures::p95)))
                        .append(" | ").append(Formats.ms(RunFigures.median(runs, RunFigures::p99)))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d of %,d", runs.stream().mapToLong(RunFigures::failures).sum(),
                                runs.stream().mapToLong(RunFigures::requests).sum())).append(" |");
            }
            md.append('\n');
        }
        int first = firstSlices(comparison);
        String window = "first " + Formats.seconds(first * slice);
        md.append("\nThe ").append(window).append(" (requests answered, median over rounds; errors summed; ratio = row / column):\n\n");
        md.append("| Candidate | Requests | Errors |");
        candidates.forEach(c -> md.append(" vs ").append(c).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(candidates.size())).append('\n');
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String candidate : candidates) {
            List<Comparison.Measurement> measured = comparison.measurements(candidate, COLD);
            totals.put(candidate, Spread.of(measured.stream().map(m -> (double) m.runs().stream().limit(first)
                    .mapToLong(RunFigures::requests).sum()).toList()).median());
        }
        for (String candidate : candidates) {
            long errors = comparison.measurements(candidate, COLD).stream()
                    .mapToLong(m -> m.runs().stream().limit(first).mapToLong(RunFigures::failures).sum()).sum();
            md.append("| ").append(candidate).append(" | ").append(Formats.count(totals.get(candidate))).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", errors)).append(" |");
            for (String other : candidates) {
                double denominator = totals.get(other);
                md.append(' ').append(other.equals(candidate) ? "-" : denominator == 0 ? "-"
                        : String.format(Locale.ROOT, "%.2fx", totals.get(candidate) / denominator)).append(" |");
            }
            md.append('\n');
        }
    }

    private static void steady(StringBuilder md, Comparison comparison, String scenario) {
        List<String> candidates = comparison.candidates().stream().filter(c -> !comparison.measurements(c, scenario).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return;
        }
        md.append("\n## ").append(scenario).append("\n\n");
        md.append(scenario.equals("hot") ? "10,000 users (all cached after the warm-up)." : "The guide's mix: 50 % of ids in 1..1M, "
                + "30 % in 1..5M, 20 % in all users, each capped at the data set.").append(" Measured after the warm-up.\n\n");
        md.append("| Candidate | Requests/s | vs best | p50 | p95 | p99 | Errors | CPU s | CPU ms / 1000 requests | Peak RSS | RSS at end |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        double best = candidates.stream().mapToDouble(c -> Spread.of(comparison.perRun(c, scenario, RunFigures::rps)).median()).max().orElse(0);
        for (String candidate : candidates) {
            List<Comparison.Measurement> measured = comparison.measurements(candidate, scenario);
            Spread rps = Spread.of(comparison.perRun(candidate, scenario, RunFigures::rps));
            long requests = measured.stream().mapToLong(Comparison.Measurement::requests).sum();
            long failures = measured.stream().flatMap(m -> m.runs().stream()).mapToLong(RunFigures::failures).sum();
            md.append("| ").append(candidate).append(" | ").append(rps.format(Formats::count))
                    .append(" | ").append(best == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", rps.median() / best))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p50)), Formats::ms))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p95)), Formats::ms))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p99)), Formats::ms))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d of %,d", failures, requests))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::cpuSeconds), Formats::decimal))
                    .append(" | ").append(format(Spread.of(measured.stream().map(Comparison.Measurement::cpuMillisPerThousand)
                            .filter(v -> v != null).toList()), Formats::decimal))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::peakRssMb), Formats::megabytes))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::rssMb), Formats::megabytes))
                    .append(" |\n");
        }
    }

    private static void rounds(StringBuilder md, Comparison comparison) {
        md.append("\n## Rounds\n\n");
        md.append("| Round | Candidate | Ready after | cold-start requests | realistic req/s, p99 | hot req/s, p99 | Note |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Comparison.Trial trial : comparison.trials()) {
            Comparison.Measurement cold = trial.scenarios().get(COLD);
            md.append("| ").append(trial.round()).append(" | ").append(trial.candidate())
                    .append(" | ").append(trial.readyMillis() == null ? "-" : Formats.millis(trial.readyMillis()))
                    .append(" | ").append(cold == null ? "-" : Formats.count(cold.requests()));
            for (String scenario : STEADY) {
                Comparison.Measurement measured = trial.scenarios().get(scenario);
                md.append(" | ").append(measured == null ? "-"
                        : Formats.count(measured.runs().get(0).rps()) + ", " + Formats.ms(measured.runs().get(0).p99()));
            }
            md.append(" | ").append(trial.info().getProperty("failed", "")).append(" |\n");
        }
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

    /** The candidate's steady-state runs of a scenario as a {@link ScenarioResult}, for the guide's table. */
    private static ScenarioResult steadyResult(Comparison comparison, String candidate, String scenario) {
        List<Comparison.Measurement> measured = comparison.measurements(candidate, scenario);
        if (measured.isEmpty()) {
            return null;
        }
        Spread cpu = process(measured, Comparison.ProcessFigures::cpuPercent);
        Spread rss = process(measured, Comparison.ProcessFigures::rssMb);
        return new ScenarioResult(scenario, "wrk", measured.stream().flatMap(m -> m.runs().stream()).toList(), null, null, null,
                cpu == null ? null : cpu.median(), rss == null ? null : rss.median(), null);
    }

    private static Spread process(List<Comparison.Measurement> measured, Function<Comparison.ProcessFigures, Double> figure) {
        return Spread.of(measured.stream().filter(m -> m.process() != null).map(m -> figure.apply(m.process())).toList());
    }

    /** How many slices from the start fall within {@link #FIRST_SECONDS} (at least one). */
    private static int firstSlices(Comparison comparison) {
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

    private static String format(Spread spread, DoubleFunction<String> number) {
        return spread == null ? "-" : spread.format(number);
    }
}
