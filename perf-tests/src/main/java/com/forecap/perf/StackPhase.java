package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A phase folder of {@code perf-tests/stack.sh}: its facts ({@code phase.properties}), what the sampler recorded
 * ({@code samples.tsv}) and, for a load run, its slices ({@code slices.tsv} and a {@code run-N.json} per slice),
 * with the counters and ratios between two times that the report reads off them.
 *
 * @param name    the folder's name
 * @param facts   phase.properties
 * @param samples the sampler's rows, in time order
 * @param slices  the load run's slices, none for other phases
 */
record StackPhase(String name, Properties facts, List<Sample> samples, List<SliceRun> slices) {

    /** What the sampler recorded at one moment: column name to value (epoch seconds under "time"). */
    record Sample(Map<String, Double> values) {
        double time() {
            return values.get("time");
        }
    }

    /** One wrk run of a load phase, between two epoch times. */
    record SliceRun(double start, double end, RunFigures run) {
    }

    /** A counter or gauge at a time, interpolated between the samples either side (clamped at the ends). */
    double at(String column, double time) {
        Sample before = null;
        for (Sample sample : samples) {
            if (sample.time() >= time) {
                if (before == null) {
                    return value(sample, column);
                }
                double share = (time - before.time()) / (sample.time() - before.time());
                return value(before, column) + share * (value(sample, column) - value(before, column));
            }
            before = sample;
        }
        return before == null ? Double.NaN : value(before, column);
    }

    double delta(String column, double from, double to) {
        return at(column, to) - at(column, from);
    }

    /** Hits over hits and misses between two times, or {@code null} when there were none. */
    Double ratio(String hits, String misses, double from, double to) {
        double h = delta(hits, from, to);
        double total = h + delta(misses, from, to);
        return total > 0 ? h / total : null;
    }

    /**
     * Requests answered from a cache (near cache or Redis) between two times: the service's hits over its hits
     * and the misses of its last layer (Redis), as the report of {@code run.sh} counts them.
     */
    Double cacheHitRatio(double from, double to) {
        double hits = delta("local_hits", from, to) + delta("service_redis_hits", from, to);
        double total = hits + delta("service_redis_misses", from, to);
        return total > 0 ? hits / total : null;
    }

    Double bufferPoolHitRatio(double from, double to) {
        double requests = delta("innodb_read_requests", from, to);
        return requests > 0 ? 1 - delta("innodb_reads", from, to) / requests : null;
    }

    double max(String column) {
        return samples.stream().mapToDouble(s -> value(s, column)).max().orElse(Double.NaN);
    }

    double first(String column) {
        return samples.isEmpty() ? Double.NaN : value(samples.get(0), column);
    }

    double start() {
        return slices.isEmpty() ? samples.get(0).time() : slices.get(0).start();
    }

    double end() {
        return slices.isEmpty() ? samples.get(samples.size() - 1).time() : slices.get(slices.size() - 1).end();
    }

    long requests() {
        return slices.stream().mapToLong(s -> s.run().requests()).sum();
    }

    /** Requests per second over the whole phase. */
    double requestsPerSecond() {
        return requests() / (end() - start());
    }

    /** Milliseconds of the API container's CPU per 1000 requests between two times. */
    double apiCpuPerThousand(double from, double to, long requests) {
        return 1e6 * delta("api_cpu_seconds", from, to) / Math.max(1, requests);
    }

    /** The service's cache hit ratio within a slice ({@link #cacheHitRatio}), 0 when nothing was counted. */
    double sliceHitRatio(SliceRun slice) {
        Double ratio = cacheHitRatio(slice.start(), slice.end());
        return ratio == null ? 0 : ratio;
    }

    /**
     * Every phase of a {@code stack.sh} folder (a folder with {@code samples.tsv}), in the order they ran.
     *
     * @param directory the folder {@code stack.sh} wrote
     * @return the phases, at least one
     * @throws IOException when a file cannot be read or parsed
     */
    static List<StackPhase> readAll(Path directory) throws IOException {
        List<StackPhase> phases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(directory)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("samples.tsv"))).toList()) {
                phases.add(read(folder));
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("no phase (a folder with samples.tsv) in " + directory);
        }
        phases.sort(Comparator.comparing(p -> p.facts().getProperty("date", "")));
        return phases;
    }

    /**
     * One phase folder.
     *
     * @param folder the folder
     * @return the phase
     * @throws IOException when a file cannot be read or parsed
     */
    static StackPhase read(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("samples.tsv"));
        String[] header = lines.get(0).split("\t", -1);
        List<Sample> samples = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                values.put(header[i], number(cells[i]));
            }
            samples.add(new Sample(values));
        }
        List<SliceRun> slices = new ArrayList<>();
        Path times = folder.resolve("slices.tsv");
        if (Files.isRegularFile(times)) {
            for (String line : Files.readAllLines(times).stream().skip(1).toList()) {
                String[] cells = line.split("\t");
                Path json = folder.resolve("run-" + cells[0] + ".json");
                if (Files.isRegularFile(json)) {
                    slices.add(new SliceRun(Double.parseDouble(cells[1]), Double.parseDouble(cells[2]), ResultsReader.wrkRun(json)));
                }
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples in " + folder.resolve("samples.tsv"));
        }
        return new StackPhase(folder.getFileName().toString(), ResultsReader.properties(folder.resolve("phase.properties")), samples,
                slices);
    }

    private static Double number(String cell) {
        try {
            return cell.isBlank() ? null : Double.valueOf(cell.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double value(Sample sample, String column) {
        Double value = sample.values().get(column);
        return value == null ? Double.NaN : value;
    }
}
