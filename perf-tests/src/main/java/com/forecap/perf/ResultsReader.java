package com.forecap.perf;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what {@code perf-tests/run.sh} leaves in a results directory ({@code run.properties}, one
 * folder per scenario with {@code run-N.json} from wrk, the {@code /metrics} text before and after and
 * {@code process.properties}) and any k6 summary ({@code k6-summary-*.json}).
 */
public final class ResultsReader {

    /** Scenarios in report order; others follow alphabetically. */
    static final List<String> ORDER = List.of("cold-start", "realistic", "hot", "cold", "ceiling");
    private static final Pattern SAMPLE = Pattern.compile("(?m)^(cache_hits_total|cache_misses_total)\\{cache_type=\"(\\w+)\"\\} ([0-9.eE+-]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsReader() {
    }

    /**
     * Everything in a results directory.
     *
     * @param facts     run.properties (command, machine)
     * @param scenarios scenario results in report order
     */
    public record Results(Properties facts, List<ScenarioResult> scenarios) {
    }

    /**
     * Reads a directory.
     *
     * @param directory the results directory
     * @return the results
     * @throws IOException when a file cannot be read or parsed
     */
    public static Results read(Path directory) throws IOException {
        Properties facts = properties(directory.resolve("run.properties"));
        List<ScenarioResult> scenarios = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> children = Files.list(directory)) {
            folders = children.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("run-1.json")))
                    .sorted((a, b) -> compare(a.getFileName().toString(), b.getFileName().toString())).toList();
        }
        for (Path folder : folders) {
            scenarios.add(scenario(folder));
        }
        List<Path> k6;
        try (Stream<Path> children = Files.list(directory)) {
            k6 = children.filter(p -> p.getFileName().toString().matches("k6-summary-.*\\.json")).sorted().toList();
        }
        for (Path summary : k6) {
            JsonNode json = JSON.readTree(summary.toFile());
            String name = "k6 " + json.path("scenario").asText(summary.getFileName().toString());
            scenarios.add(new ScenarioResult(name, "k6", List.of(RunFigures.fromK6(json)), null, null, null, null, null, null));
        }
        return new Results(facts, scenarios);
    }

    private static ScenarioResult scenario(Path folder) throws IOException {
        List<RunFigures> runs = wrkRuns(folder);
        Ratios total = ratios(cacheCounters(folder.resolve("metrics-before.txt")), cacheCounters(folder.resolve("metrics-after.txt")));
        List<ScenarioResult.Slice> slices = new ArrayList<>();
        double second = 0;
        for (int i = 1; i <= runs.size() && Files.exists(folder.resolve("metrics-" + i + ".txt")); i++) {
            Ratios slice = ratios(cacheCounters(folder.resolve("metrics-" + (i - 1) + ".txt")),
                    cacheCounters(folder.resolve("metrics-" + i + ".txt")));
            second += runs.get(i - 1).durationSeconds();
            slices.add(new ScenarioResult.Slice(second, runs.get(i - 1), slice.local(), slice.redis(), slice.overall()));
        }
        Properties process = properties(folder.resolve("process.properties"));
        Double cpu = null;
        Double rss = null;
        if (!process.isEmpty()) {
            double ticks = Double.parseDouble(process.getProperty("cpu_ticks_after")) - Double.parseDouble(process.getProperty("cpu_ticks_before"));
            double seconds = Double.parseDouble(process.getProperty("wall_seconds"));
            double clock = Double.parseDouble(process.getProperty("clk_tck", "100"));
            double cpus = Double.parseDouble(process.getProperty("cpus", "1"));
            cpu = seconds <= 0 ? null : 100 * ticks / clock / seconds / cpus;
            rss = Double.parseDouble(process.getProperty("rss_kb", "0")) / 1024;
        }
        return new ScenarioResult(folder.getFileName().toString(), "wrk", runs, total.overall(), total.local(), total.redis(), cpu, rss,
                slices);
    }

    /** Hit ratios between two snapshots of the counters: near cache, Redis, and answered from any cache. */
    private record Ratios(Double local, Double redis, Double overall) {
    }

    private static Ratios ratios(Map<String, Double> before, Map<String, Double> after) {
        Double localHits = delta(before, after, "cache_hits_total/local");
        Double localMisses = delta(before, after, "cache_misses_total/local");
        Double redisHits = delta(before, after, "cache_hits_total/redis");
        Double redisMisses = delta(before, after, "cache_misses_total/redis");
        Double overall = null;
        if (localHits != null || redisHits != null) {
            double hits = value(localHits) + value(redisHits);
            // the last layer's misses went to the database; with Redis present that is Redis's (none counted = 0)
            boolean redis = redisHits != null || redisMisses != null;
            double lastMisses = redis ? value(redisMisses) : value(localMisses);
            overall = hits + lastMisses == 0 ? null : hits / (hits + lastMisses);
        }
        return new Ratios(rate(localHits, localMisses), rate(redisHits, redisMisses), overall);
    }

    private static Map<String, Double> cacheCounters(Path metrics) throws IOException {
        Map<String, Double> counters = new HashMap<>();
        if (!Files.exists(metrics)) {
            return counters;
        }
        Matcher matcher = SAMPLE.matcher(Files.readString(metrics));
        while (matcher.find()) {
            counters.put(matcher.group(1) + "/" + matcher.group(2), Double.parseDouble(matcher.group(3)));
        }
        return counters;
    }

    private static Double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        if (!after.containsKey(key)) {
            return null;
        }
        return after.get(key) - before.getOrDefault(key, 0.0);
    }

    private static Double rate(Double hits, Double misses) {
        if (hits == null && misses == null) {
            return null;
        }
        double total = value(hits) + value(misses);
        return total == 0 ? null : value(hits) / total;
    }

    private static double value(Double number) {
        return number == null ? 0 : number;
    }

    /**
     * The wrk runs of a scenario folder: {@code run-1.json}, {@code run-2.json} and on while they exist.
     *
     * @param folder the scenario folder
     * @return the runs in order, none when there is no {@code run-1.json}
     * @throws IOException when a file cannot be read or parsed
     */
    static List<RunFigures> wrkRuns(Path folder) throws IOException {
        List<RunFigures> runs = new ArrayList<>();
        for (int i = 1; Files.exists(folder.resolve("run-" + i + ".json")); i++) {
            runs.add(wrkRun(folder.resolve("run-" + i + ".json")));
        }
        return runs;
    }

    /**
     * One wrk run: the JSON the wrk script's {@code done()} writes.
     *
     * @param file the JSON file
     * @return its figures
     * @throws IOException when it cannot be read or parsed
     */
    static RunFigures wrkRun(Path file) throws IOException {
        return RunFigures.fromWrk(JSON.readTree(file.toFile()));
    }

    /** A properties file, empty when it does not exist. */
    static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static int compare(String a, String b) {
        int ia = ORDER.indexOf(a);
        int ib = ORDER.indexOf(b);
        if (ia >= 0 && ib >= 0) {
            return Integer.compare(ia, ib);
        }
        if (ia >= 0 || ib >= 0) {
            return ia >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
