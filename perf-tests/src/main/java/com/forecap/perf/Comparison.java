package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * What {@code perf-tests/compare.sh} leaves in its results folder: {@code compare.properties} (command,
 * machine, candidates in the order given) and, per round and candidate, {@code round-R/NAME/} with
 * {@code candidate.properties} (time to ready, position in the round, failure if any) and one folder per
 * scenario holding {@code run-N.json} from wrk (the cold start's slices, or one measured run) and
 * {@code process.properties} (CPU ticks of the service process around the scenario, RSS and peak RSS).
 *
 * @param facts      compare.properties
 * @param candidates candidate names in the order given on the command line
 * @param trials     every candidate's run in every round, in the order they ran
 */
record Comparison(Properties facts, List<String> candidates, List<Trial> trials) {

    /** The scenario measured from readiness in slices, without warm-up. */
    static final String COLD_START = "cold-start";

    /** Copies. */
    Comparison {
        candidates = List.copyOf(candidates);
        trials = List.copyOf(trials);
    }

    /**
     * One candidate in one round: started fresh, measured, stopped.
     *
     * @param round      round number, from 1
     * @param candidate  candidate name
     * @param info       candidate.properties
     * @param scenarios  measured scenarios by name, in the order they ran
     */
    record Trial(int round, String candidate, Properties info, Map<String, Measurement> scenarios) {

        /**
         * Milliseconds from launching the command to the first 200 from its readiness path.
         *
         * @return the time, or {@code null} when it never became ready
         */
        Double readyMillis() {
            String value = info.getProperty("ready_ms", "");
            return value.isEmpty() ? null : Double.valueOf(value);
        }
    }

    /**
     * One scenario of one trial.
     *
     * @param runs    the wrk runs (the slices of the cold start, or the one measured run)
     * @param process what the service process used meanwhile, or {@code null} when not recorded
     */
    record Measurement(List<RunFigures> runs, ProcessFigures process) {

        /**
         * All requests of the runs.
         *
         * @return requests
         */
        long requests() {
            return runs.stream().mapToLong(RunFigures::requests).sum();
        }

        /**
         * CPU milliseconds the service used per 1000 requests answered.
         *
         * @return the cost, or {@code null} when unknown
         */
        Double cpuMillisPerThousand() {
            return process == null || requests() == 0 ? null : process.cpuSeconds() * 1_000_000 / requests();
        }
    }

    /**
     * The service process over a scenario, from /proc.
     *
     * @param cpuSeconds  user + system CPU time used (utime + stime)
     * @param wallSeconds how long the scenario lasted
     * @param cpus        processors of the machine
     * @param rssMb       resident memory at the end (VmRSS)
     * @param peakRssMb   peak resident memory since the start (VmHWM)
     */
    record ProcessFigures(double cpuSeconds, double wallSeconds, double cpus, double rssMb, double peakRssMb) {

        /**
         * CPU use as a share of the machine, as {@link ScenarioResult#cpuPercent()}.
         *
         * @return percent
         */
        double cpuPercent() {
            return wallSeconds <= 0 ? 0 : 100 * cpuSeconds / wallSeconds / cpus;
        }
    }

    /**
     * Reads a comparison folder.
     *
     * @param directory the folder compare.sh wrote
     * @return the comparison
     * @throws IOException when a file cannot be read or parsed
     */
    static Comparison read(Path directory) throws IOException {
        Properties facts = ResultsReader.properties(directory.resolve("compare.properties"));
        List<String> candidates = Arrays.stream(facts.getProperty("candidates", "").split(",")).filter(s -> !s.isBlank()).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates in " + directory.resolve("compare.properties"));
        }
        List<String> scenarioOrder = Arrays.asList(facts.getProperty("scenarios", String.join(",", ResultsReader.ORDER)).split(","));
        List<Trial> trials = new ArrayList<>();
        for (int round = 1; Files.isDirectory(directory.resolve("round-" + round)); round++) {
            List<Trial> inRound = new ArrayList<>();
            for (String candidate : candidates) {
                Path folder = directory.resolve("round-" + round).resolve(candidate);
                if (!Files.exists(folder.resolve("candidate.properties"))) {
                    continue;
                }
                Map<String, Measurement> scenarios = new LinkedHashMap<>();
                for (String scenario : scenarioOrder) {
                    Measurement measurement = measurement(folder.resolve(scenario));
                    if (measurement != null) {
                        scenarios.put(scenario, measurement);
                    }
                }
                inRound.add(new Trial(round, candidate, ResultsReader.properties(folder.resolve("candidate.properties")), scenarios));
            }
            inRound.sort((a, b) -> Integer.compare(position(a), position(b)));
            trials.addAll(inRound);
        }
        return new Comparison(facts, candidates, trials);
    }

    /**
     * The trials of one candidate, round by round.
     *
     * @param candidate the name
     * @return its trials
     */
    List<Trial> trialsOf(String candidate) {
        return trials.stream().filter(t -> t.candidate().equals(candidate)).toList();
    }

    /**
     * The measurements of one scenario of one candidate, one per round that got that far.
     *
     * @param candidate the name
     * @param scenario  the scenario
     * @return its measurements
     */
    List<Measurement> measurements(String candidate, String scenario) {
        return trialsOf(candidate).stream().map(t -> t.scenarios().get(scenario)).filter(m -> m != null).toList();
    }

    /**
     * A figure of every run of one scenario of one candidate, round after round.
     *
     * @param candidate the name
     * @param scenario  the scenario
     * @param figure    which figure
     * @return its values
     */
    List<Double> perRun(String candidate, String scenario, Function<RunFigures, Double> figure) {
        return measurements(candidate, scenario).stream().flatMap(m -> m.runs().stream()).map(figure).toList();
    }

    /**
     * The cold start's slices of a candidate: for each slice, its run in every round.
     *
     * @param candidate the name
     * @return the runs per slice, in slice order
     */
    List<List<RunFigures>> coldStartSlices(String candidate) {
        List<List<RunFigures>> slices = new ArrayList<>();
        for (Measurement measured : measurements(candidate, COLD_START)) {
            for (int i = 0; i < measured.runs().size(); i++) {
                if (slices.size() <= i) {
                    slices.add(new ArrayList<>());
                }
                slices.get(i).add(measured.runs().get(i));
            }
        }
        return slices;
    }

    /**
     * The nominal length of a cold start slice.
     *
     * @return seconds
     */
    double sliceSeconds() {
        return Double.parseDouble(facts.getProperty("slice_seconds", "5"));
    }

    /**
     * Number of rounds that ran.
     *
     * @return rounds
     */
    int rounds() {
        return trials.stream().mapToInt(Trial::round).max().orElse(0);
    }

    private static int position(Trial trial) {
        return Integer.parseInt(trial.info().getProperty("position", "0"));
    }

    private static Measurement measurement(Path folder) throws IOException {
        if (!Files.exists(folder.resolve("run-1.json"))) {
            return null;
        }
        List<RunFigures> runs = ResultsReader.wrkRuns(folder);
        Properties process = ResultsReader.properties(folder.resolve("process.properties"));
        ProcessFigures figures = null;
        if (process.containsKey("cpu_ticks_after")) {
            double ticks = number(process, "cpu_ticks_after", 0) - number(process, "cpu_ticks_before", 0);
            figures = new ProcessFigures(ticks / number(process, "clk_tck", 100), number(process, "wall_seconds", 0),
                    number(process, "cpus", 1), number(process, "rss_kb", 0) / 1024, number(process, "hwm_kb", 0) / 1024);
        }
        return new Measurement(runs, figures);
    }

    private static double number(Properties properties, String key, double fallback) {
        String value = properties.getProperty(key, "").trim();
        return value.isEmpty() ? fallback : Double.parseDouble(value);
    }
}
