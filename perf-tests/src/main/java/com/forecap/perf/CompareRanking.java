package com.forecap.perf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The comparison report's "Where each candidate wins": every figure the candidates are ranked by, the best
 * and the runner-up of each, and whether the order is within the spread seen over the rounds.
 */
final class CompareRanking {

    private static final String COLD = Comparison.COLD_START;

    private CompareRanking() {
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

    /** Every figure the candidates are ranked by. */
    static List<Figure> figures(Comparison comparison) {
        List<Figure> figures = new ArrayList<>();
        figures.add(figure(comparison, COLD, "time to ready", false, Formats::millis,
                c -> comparison.trialsOf(c).stream().map(Comparison.Trial::readyMillis).filter(v -> v != null).toList()));
        int first = CompareReport.firstSlices(comparison);
        figures.add(figure(comparison, COLD, "requests in the first " + Formats.seconds(first * comparison.sliceSeconds()), true,
                Formats::count, c -> comparison.measurements(c, COLD).stream()
                        .map(m -> (double) m.runs().stream().limit(first).mapToLong(RunFigures::requests).sum()).toList()));
        figures.add(figure(comparison, COLD, "worst slice p99", false, Formats::ms, c -> comparison.measurements(c, COLD).stream()
                .map(m -> m.runs().stream().mapToDouble(RunFigures::p99).max().orElse(0)).toList()));
        figures.add(figure(comparison, COLD, "errors", false, Formats::count, c -> comparison.measurements(c, COLD).stream()
                .map(m -> (double) m.runs().stream().mapToLong(RunFigures::failures).sum()).toList()));
        for (String scenario : CompareReport.STEADY) {
            figures.add(figure(comparison, scenario, "requests/s", true, Formats::count,
                    c -> comparison.perRun(c, scenario, RunFigures::rps)));
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

    /**
     * The section: a row per figure with the best and the runner-up, then what each candidate is best at.
     *
     * @param md         where it goes
     * @param comparison what was measured
     * @param figures    the figures ranked
     */
    static void wins(StringBuilder md, Comparison comparison, List<Figure> figures) {
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
            String ratioText = tie ? "1.00x" : Double.isFinite(ratio) && b != 0 && a != 0 ? Formats.times(ratio) : "-";
            boolean noise = comparison.rounds() > 1 && best.getValue().overlaps(next.getValue());
            String note = tie ? "tie" : noise ? "within the spread" : "";
            md.append("| ").append(figure.scenario()).append(" | ").append(figure.metric())
                    .append(" | ").append(tie ? best.getKey() : "**" + best.getKey() + "**")
                    .append(' ').append(best.getValue().format(figure.format()))
                    .append(" | ").append(next.getKey()).append(' ').append(next.getValue().format(figure.format()))
                    .append(" | ").append(ratioText).append(" | ").append(note).append(" |\n");
            if (!tie) {
                won.get(best.getKey()).add(figure.scenario() + " " + figure.metric() + " (" + ratioText
                        + (noise ? ", within the spread" : "") + ")");
            }
        }
        md.append('\n');
        won.forEach((candidate, list) -> md.append("- **").append(candidate).append("** is best at: ")
                .append(list.isEmpty() ? "none of these figures" : String.join("; ", list)).append('\n'));
    }
}
