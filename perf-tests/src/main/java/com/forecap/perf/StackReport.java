package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

/**
 * Writes {@code report.md} and its charts for a folder of {@code perf-tests/stack.sh}: the production stack under
 * its container limits, one section per phase (generation, load runs, warm-cache) in the order they ran. A load
 * run gets the guide's benchmark table (medians of its slices), then a row per slice with what the sampler saw
 * meanwhile: each container's CPU and memory, Redis memory, keys, evictions and hit ratio, the service's own cache
 * hit ratio and MySQL's buffer pool hit ratio. Two runs named {@code X} and {@code go-X} are put side by side.
 */
final class StackReport {

    /** The guide's target for the cache hit ratio after warm-up; the warm-up point is where it is reached for good. */
    static final double WARM_HIT_RATIO = 0.90;
    private static final double MB = 1024 * 1024;

    private StackReport() {
    }

    /** What the sampler recorded at one moment: column name to value (epoch seconds under "time"). */
    record Sample(Map<String, Double> values) {
        double time() {
            return values.get("time");
        }
    }

    /** One wrk run of a load phase, between two epoch times. */
    record SliceRun(double start, double end, RunFigures run) {
    }

    /** A phase folder: its facts, its samples and, for a load run, its slices. */
    record Phase(String name, Properties facts, List<Sample> samples, List<SliceRun> slices) {

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

        private static double value(Sample sample, String column) {
            Double value = sample.values().get(column);
            return value == null ? Double.NaN : value;
        }
    }

    /**
     * Reads the folder and writes the report and charts into it.
     *
     * @param directory the folder {@code stack.sh} wrote
     * @return the report file
     * @throws IOException when reading or writing fails
     */
    static Path generate(Path directory) throws IOException {
        List<Phase> phases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(directory)) {
            for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("samples.tsv"))).toList()) {
                phases.add(read(folder));
            }
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("no phase (a folder with samples.tsv) in " + directory);
        }
        phases.sort(Comparator.comparing(p -> p.facts().getProperty("date", "")));
        Properties stack = ResultsReader.properties(directory.resolve("stack.properties"));
        List<Phase> runs = phases.stream().filter(p -> !p.slices().isEmpty()).toList();
        Path charts = directory.resolve("charts");
        if (!runs.isEmpty()) {
            double slice = runs.get(0).slices().get(0).end() - runs.get(0).slices().get(0).start();
            Charts.slices("Requests per second, per slice", "requests/s",
                    perSlice(runs, (p, s) -> s.run().rps()), slice, charts.resolve("stack-requests-per-second.png"));
            Charts.slices("Requests answered from a cache (near cache or Redis), per slice", "hit ratio",
                    perSlice(runs, (p, s) -> orZero(p.cacheHitRatio(s.start(), s.end()))),
                    slice, charts.resolve("stack-hit-ratio.png"));
            Charts.slices("Memory at the end of each slice (MiB)", "MiB", memorySeries(runs), slice,
                    charts.resolve("stack-memory.png"));
        }
        Path report = directory.resolve("report.md");
        Files.writeString(report, markdown(stack, phases));
        return report;
    }

    static String markdown(Properties stack, List<Phase> phases) {
        StringBuilder md = new StringBuilder("# The production stack under load (perf-tests/stack.sh)\n\n");
        md.append("- Machine: ").append(stack.getProperty("cpus", "?")).append(" CPUs (").append(stack.getProperty("cpu_model", "?"))
                .append("), ").append(stack.getProperty("memory_mb", "?")).append(" MB, ").append(stack.getProperty("kernel", "?"))
                .append(", Podman ").append(stack.getProperty("podman", "?")).append('\n');
        Formats.line(md, "Settings", stack.getProperty("settings", "?"));
        stack.stringPropertyNames().stream().filter(k -> k.startsWith("image.")).sorted()
                .forEach(k -> Formats.line(md, k.substring("image.".length()), stack.getProperty(k)));
        md.append("- The load generator (wrk) runs on the same machine, outside the containers' limits.\n");
        for (Phase phase : phases) {
            md.append("\n## ").append(phase.name()).append("\n\n").append(limits(phase));
            if (phase.slices().isEmpty()) {
                other(md, phase);
            } else {
                run(md, phase);
            }
        }
        sideBySide(md, phases);
        return md.toString();
    }

    /** The limits the containers ran with in a phase, as the sampler read them. */
    static String limits(Phase phase) {
        StringBuilder line = new StringBuilder("- Limits (as the containers got them): ");
        for (String c : List.of("api", "mysql", "redis")) {
            line.append(String.format(Locale.ROOT, "%s %.2f CPU, %,.0f MiB; ", c, phase.first(c + "_cpus"),
                    phase.first(c + "_memory_limit") / MB));
        }
        return line.append(String.format(Locale.ROOT, "Redis maxmemory %,.0f MiB%n", phase.first("redis_maxmemory") / MB)).toString();
    }

    private static void other(StringBuilder md, Phase phase) {
        phase.facts().stringPropertyNames().stream().sorted().forEach(k -> Formats.line(md, k, phase.facts().getProperty(k)));
        double seconds = phase.end() - phase.start();
        md.append(String.format(Locale.ROOT, "- CPU seconds over %.0f s: mysql %.0f, redis %.0f, api %.0f%n", seconds,
                phase.delta("mysql_cpu_seconds", phase.start(), phase.end()), phase.delta("redis_cpu_seconds", phase.start(), phase.end()),
                phase.delta("api_cpu_seconds", phase.start(), phase.end())));
        double resident = phase.max("mysql_rss_bytes");
        md.append(String.format(Locale.ROOT, "- At the end: Redis %,.0f MiB used, %,.0f keys, %,.0f evicted; peak memory mysql %,.0f MiB%s, "
                        + "redis %,.0f MiB%n", phase.at("redis_used_memory", phase.end()) / MB,
                phase.at("redis_keys", phase.end()), phase.delta("redis_evicted_keys", phase.start(), phase.end()),
                phase.max("mysql_memory_bytes") / MB,
                Double.isNaN(resident) ? "" : String.format(Locale.ROOT, " (resident %,.0f)", resident / MB), phase.max("redis_memory_bytes") / MB));
    }

    private static void run(StringBuilder md, Phase phase) {
        Properties f = phase.facts();
        double from = phase.start();
        double to = phase.end();
        md.append("- ").append(f.getProperty("mix", "?")).append(" mix over ").append(f.getProperty("users", "?")).append(" users, ")
                .append(f.getProperty("connections", "?")).append(" connections, ").append(phase.slices().size()).append(" slices of ")
                .append(f.getProperty("slice", "?")).append(" s, on ").append(f.getProperty("container", "?")).append(" (")
                .append(f.getProperty("image", "?")).append(")\n");
        md.append("- Start: ").append("1".equals(f.getProperty("fresh")) ? "empty Redis, "
                + ("1".equals(f.getProperty("restart_mysql")) ? "MySQL restarted (its buffer pool holds what it dumped at shutdown and reloaded), " : "")
                + "container restarted, ready after " + f.getProperty("ready_after_restart_ms", "?") + " ms" : "as the phase before left it, "
                + f.getProperty("redis_keys_at_start", "?") + " keys in Redis").append('\n');
        long requests = phase.requests();
        double apiCpu = phase.delta("api_cpu_seconds", from, to);
        md.append(String.format(Locale.ROOT, "- %,d requests in %.0f s (%,.0f/s); API container CPU %.1f ms per 1000 requests%n", requests,
                to - from, phase.requestsPerSecond(), phase.apiCpuPerThousand(from, to, requests)));
        Double hit = phase.cacheHitRatio(from, to);
        Double lastHalf = phase.cacheHitRatio((from + to) / 2, to);
        md.append("- Answered from a cache: ").append(Formats.rate(hit)).append(" over the phase, ").append(Formats.rate(lastHalf))
                .append(" over its second half; ").append(warmUpPoint(phase)).append('\n');

        md.append("\n### The guide's benchmark table (medians of the slices)\n\n");
        ScenarioResult result = new ScenarioResult(phase.name(), "wrk", phase.slices().stream().map(SliceRun::run).toList(), hit,
                null, phase.ratio("redis_keyspace_hits", "redis_keyspace_misses", from, to), null, null, List.of());
        double apiCores = apiCpu / (to - from);
        double limit = phase.first("api_cpus");
        double boxMb = (phase.max("api_memory_bytes") + phase.max("mysql_memory_bytes") + phase.max("redis_memory_bytes")) / MB;
        ReportGenerator.benchmarkTable(md, result, "-", 100 * apiCores / limit,
                String.format(Locale.ROOT, "%s of the API's %.1f CPU (%.2f cores)", Formats.percent(100 * apiCores / limit), limit, apiCores),
                100 * boxMb / ReportGenerator.T3_MEDIUM_MB,
                String.format(Locale.ROOT, "%s (api + mysql + redis peaks, %,.0f MB of 4 GB)",
                        Formats.percent(100 * boxMb / ReportGenerator.T3_MEDIUM_MB), boxMb));

        md.append("\n### Slices\n\n");
        md.append("| ends at | req/s | p50 | p95 | p99 | errors | answered from a cache | Redis keyspace hits | Redis MiB / keys / evicted | buffer pool hit "
                + "| API CPU, MiB (resident) | MySQL CPU, MiB | Redis CPU |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SliceRun s : phase.slices()) {
            double a = s.start();
            double b = s.end();
            RunFigures r = s.run();
            md.append(String.format(Locale.ROOT, "| %.0f s | %,.0f | %s | %s | %s | %,d | %s | %s | %,.0f / %,.0f / %,.0f | %s "
                            + "| %.2f, %,.0f (%,.0f) | %.2f, %,.0f | %.2f |%n",
                    b - from, r.rps(), Formats.ms(r.p50()), Formats.ms(r.p95()), Formats.ms(r.p99()), r.failures(),
                    Formats.rate(phase.cacheHitRatio(a, b)),
                    Formats.rate(phase.ratio("redis_keyspace_hits", "redis_keyspace_misses", a, b)),
                    phase.at("redis_used_memory", b) / MB, phase.at("redis_keys", b), phase.delta("redis_evicted_keys", a, b),
                    Formats.rate(phase.bufferPoolHitRatio(a, b)),
                    phase.delta("api_cpu_seconds", a, b) / (b - a), phase.at("api_memory_bytes", b) / MB, phase.at("api_rss_bytes", b) / MB,
                    phase.delta("mysql_cpu_seconds", a, b) / (b - a), phase.at("mysql_memory_bytes", b) / MB,
                    phase.delta("redis_cpu_seconds", a, b) / (b - a)));
        }
        md.append("\nAnswered from a cache: the service's own counters (near cache and Redis hits over those and Redis's "
                + "misses). Redis keyspace hits: Redis's own count over every command, the lock and wake-up scripts' reads included. "
                + "CPU in cores (CPU seconds per second); memory is the container's cgroup usage (page cache included), "
                + "resident in brackets.\n");
    }

    /** The first slice from which every slice's service hit ratio is at least the guide's 90 %. */
    static String warmUpPoint(Phase phase) {
        List<SliceRun> slices = phase.slices();
        int from = slices.size();
        while (from > 0 && orZero(phase.cacheHitRatio(slices.get(from - 1).start(), slices.get(from - 1).end())) >= WARM_HIT_RATIO) {
            from--;
        }
        if (from == slices.size()) {
            return "the last slice is below " + Math.round(WARM_HIT_RATIO * 100) + " % (no warm-up point within the phase)";
        }
        return String.format(Locale.ROOT, "at or above %d %% in every slice from the one ending at %.0f s (the warm-up point)",
                Math.round(WARM_HIT_RATIO * 100), slices.get(from).end() - phase.start());
    }

    /** Phases {@code X} and {@code go-X}: requests/s and CPU per request, slice by slice. */
    private static void sideBySide(StringBuilder md, List<Phase> phases) {
        for (Phase go : phases) {
            if (!go.name().startsWith("go-") || go.slices().isEmpty()) {
                continue;
            }
            Phase ours = phases.stream().filter(p -> p.name().equals(go.name().substring(3)) && !p.slices().isEmpty()).findFirst().orElse(null);
            if (ours == null) {
                continue;
            }
            md.append("\n## ").append(ours.name()).append(" beside ").append(go.name()).append(" (same stack, same limits, same load)\n\n");
            md.append("| slice ends at | ours req/s | Go port req/s | ratio | ours p99 | Go port p99 | ours API CPU ms / 1000 req | Go port's |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < Math.min(ours.slices().size(), go.slices().size()); i++) {
                SliceRun a = ours.slices().get(i);
                SliceRun b = go.slices().get(i);
                md.append(String.format(Locale.ROOT, "| %.0f s | %,.0f | %,.0f | %.2f | %s | %s | %.0f | %.0f |%n", a.end() - ours.start(),
                        a.run().rps(), b.run().rps(), a.run().rps() / b.run().rps(), Formats.ms(a.run().p99()),
                        Formats.ms(b.run().p99()), ours.apiCpuPerThousand(a.start(), a.end(), a.run().requests()),
                        go.apiCpuPerThousand(b.start(), b.end(), b.run().requests())));
            }
            md.append(String.format(Locale.ROOT, "| whole phase | %,.0f | %,.0f | %.2f | | | %.0f | %.0f |%n",
                    ours.requestsPerSecond(), go.requestsPerSecond(), ours.requestsPerSecond() / go.requestsPerSecond(),
                    ours.apiCpuPerThousand(ours.start(), ours.end(), ours.requests()),
                    go.apiCpuPerThousand(go.start(), go.end(), go.requests())));
        }
    }

    private interface SliceFigure {
        double of(Phase phase, SliceRun slice);
    }

    private static Map<String, double[]> perSlice(List<Phase> runs, SliceFigure figure) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Phase phase : runs) {
            series.put(phase.name(), phase.slices().stream().mapToDouble(s -> figure.of(phase, s)).toArray());
        }
        return series;
    }

    private static Map<String, double[]> memorySeries(List<Phase> runs) {
        Map<String, double[]> series = new LinkedHashMap<>();
        Phase longest = runs.stream().max(Comparator.comparingInt(p -> p.slices().size())).orElseThrow();
        DoubleUnaryOperator mib = v -> v / MB;
        for (String column : List.of("api_memory_bytes", "api_rss_bytes", "mysql_memory_bytes", "redis_memory_bytes", "redis_used_memory")) {
            series.put(longest.name() + " " + column.replace("_bytes", "").replace('_', ' '),
                    longest.slices().stream().mapToDouble(s -> mib.applyAsDouble(longest.at(column, s.end()))).toArray());
        }
        double[] limit = new double[longest.slices().size()];
        Arrays.fill(limit, longest.first("redis_maxmemory") / MB);
        series.put("redis maxmemory", limit);
        return series;
    }

    static Phase read(Path folder) throws IOException {
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
        return new Phase(folder.getFileName().toString(), ResultsReader.properties(folder.resolve("phase.properties")), samples, slices);
    }

    private static Double number(String cell) {
        try {
            return cell.isBlank() ? null : Double.valueOf(cell.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
