package com.forecap.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The comparison report's tables: the cold start per candidate and slice by slice, each steady scenario, the
 * guide's "Performance Benchmarks for t3.medium" table per candidate, and every round.
 */
final class CompareTables {

    private static final String COLD = Comparison.COLD_START;

    private CompareTables() {
    }

    /**
     * The cold start: time to ready and cost per candidate, the slices side by side, and the requests answered
     * in the first seconds.
     *
     * @param md         where it goes
     * @param comparison what was measured
     */
    static void coldStart(StringBuilder md, Comparison comparison) {
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
                        .append(" | ").append(Formats.outOf(runs.stream().mapToLong(RunFigures::failures).sum(),
                                runs.stream().mapToLong(RunFigures::requests).sum())).append(" |");
            }
            md.append('\n');
        }
        int first = CompareReport.firstSlices(comparison);
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
                    .append(Formats.count(errors)).append(" |");
            for (String other : candidates) {
                double denominator = totals.get(other);
                md.append(' ').append(other.equals(candidate) ? "-" : denominator == 0 ? "-"
                        : Formats.times(totals.get(candidate) / denominator)).append(" |");
            }
            md.append('\n');
        }
    }

    /**
     * A scenario measured after the warm-up: a row per candidate.
     *
     * @param md         where it goes
     * @param comparison what was measured
     * @param scenario   the scenario
     */
    static void steady(StringBuilder md, Comparison comparison, String scenario) {
        List<String> candidates = comparison.candidates().stream().filter(c -> !comparison.measurements(c, scenario).isEmpty()).toList();
        if (candidates.isEmpty()) {
            return;
        }
        md.append("\n## ").append(scenario).append("\n\n");
        md.append(scenario.equals("hot") ? "10,000 users (all cached after the warm-up)." : "The guide's mix: 50 % of ids in 1..1M, "
                + "30 % in 1..5M, 20 % in all users, each capped at the data set.").append(" Measured after the warm-up.\n\n");
        md.append("| Candidate | Requests/s | vs best | p50 | p95 | p99 | Errors | CPU s | CPU ms / 1000 requests | Peak RSS | RSS at end |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        double best = candidates.stream().mapToDouble(c -> Spread.of(comparison.perRun(c, scenario, RunFigures::rps)).median())
                .max().orElse(0);
        for (String candidate : candidates) {
            List<Comparison.Measurement> measured = comparison.measurements(candidate, scenario);
            Spread rps = Spread.of(comparison.perRun(candidate, scenario, RunFigures::rps));
            long requests = measured.stream().mapToLong(Comparison.Measurement::requests).sum();
            long failures = measured.stream().flatMap(m -> m.runs().stream()).mapToLong(RunFigures::failures).sum();
            md.append("| ").append(candidate).append(" | ").append(rps.format(Formats::count))
                    .append(" | ").append(best == 0 ? "-" : Formats.times(rps.median() / best))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p50)), Formats::ms))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p95)), Formats::ms))
                    .append(" | ").append(format(Spread.of(comparison.perRun(candidate, scenario, RunFigures::p99)), Formats::ms))
                    .append(" | ").append(Formats.outOf(failures, requests))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::cpuSeconds), Formats::decimal))
                    .append(" | ").append(format(Spread.of(measured.stream().map(Comparison.Measurement::cpuMillisPerThousand)
                            .filter(v -> v != null).toList()), Formats::decimal))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::peakRssMb), Formats::megabytes))
                    .append(" | ").append(format(process(measured, Comparison.ProcessFigures::rssMb), Formats::megabytes))
                    .append(" |\n");
        }
    }

    /**
     * The guide's "Performance Benchmarks for t3.medium" table for each candidate's {@code realistic} runs.
     *
     * @param md         where it goes
     * @param comparison what was measured
     */
    static void benchmarks(StringBuilder md, Comparison comparison) {
        md.append("\n## Performance Benchmarks for t3.medium (scenario `realistic`), per candidate\n");
        for (String candidate : comparison.candidates()) {
            ScenarioResult realistic = steadyResult(comparison, candidate, "realistic");
            md.append("\n### ").append(candidate).append("\n\n");
            if (realistic == null) {
                md.append("Not measured.\n");
            } else {
                ReportGenerator.benchmarkTable(md, realistic, "not measured (candidates count cache hits differently)");
            }
        }
    }

    /**
     * Every candidate in every round, in the order they ran.
     *
     * @param md         where it goes
     * @param comparison what was measured
     */
    static void rounds(StringBuilder md, Comparison comparison) {
        md.append("\n## Rounds\n\n");
        md.append("| Round | Candidate | Ready after | cold-start requests | realistic req/s, p99 | hot req/s, p99 | Note |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Comparison.Trial trial : comparison.trials()) {
            Comparison.Measurement cold = trial.scenarios().get(COLD);
            md.append("| ").append(trial.round()).append(" | ").append(trial.candidate())
                    .append(" | ").append(trial.readyMillis() == null ? "-" : Formats.millis(trial.readyMillis()))
                    .append(" | ").append(cold == null ? "-" : Formats.count(cold.requests()));
            for (String scenario : CompareReport.STEADY) {
                Comparison.Measurement measured = trial.scenarios().get(scenario);
                md.append(" | ").append(measured == null ? "-"
                        : Formats.count(measured.runs().get(0).rps()) + ", " + Formats.ms(measured.runs().get(0).p99()));
            }
            md.append(" | ").append(trial.info().getProperty("failed", "")).append(" |\n");
        }
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

    private static String format(Spread spread, DoubleFunction<String> number) {
        return spread == null ? "-" : spread.format(number);
    }
}
