package com.forecap.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes {@code report.md} and its charts for a folder of {@code perf-tests/stack.sh}: the production stack under
 * its container limits, one section per phase (generation, load runs, warm-cache) in the order they ran. A load
 * run gets the guide's benchmark table (medians of its slices), then a row per slice with what the sampler saw
 * meanwhile: each container's CPU and memory, Redis memory, keys, evictions and hit ratio, the service's own cache
 * hit ratio and MySQL's buffer pool hit ratio. Two runs named {@code X} and {@code go-X} are put side by side.
 * The phases and their figures are {@link StackPhase}'s, the charts {@link StackCharts}'.
 */
final class StackReport {

    /** The guide's target for the cache hit ratio after warm-up; the warm-up point is where it is reached for good. */
    static final double WARM_HIT_RATIO = 0.90;
    /** Bytes in a MiB. */
    static final double MB = 1024 * 1024;

    private StackReport() {
    }

    /**
     * Reads the folder and writes the report and charts into it.
     *
     * @param directory the folder {@code stack.sh} wrote
     * @return the report file
     * @throws IOException when reading or writing fails
     */
    static Path generate(Path directory) throws IOException {
        List<StackPhase> phases = StackPhase.readAll(directory);
        Properties stack = ResultsReader.properties(directory.resolve("stack.properties"));
        StackCharts.draw(phases.stream().filter(p -> !p.slices().isEmpty()).toList(), directory.resolve("charts"));
        Path report = directory.resolve("report.md");
        Files.writeString(report, markdown(stack, phases));
        return report;
    }

    static String markdown(Properties stack, List<StackPhase> phases) {
        StringBuilder md = new StringBuilder("# The production stack under load (perf-tests/stack.sh)\n\n");
        md.append("- Machine: ").append(stack.getProperty("cpus", "?")).append(" CPUs (").append(stack.getProperty("cpu_model", "?"))
                .append("), ").append(stack.getProperty("memory_mb", "?")).append(" MB, ").append(stack.getProperty("kernel", "?"))
                .append(", Podman ").append(stack.getProperty("podman", "?")).append('\n');
        Formats.line(md, "Settings", stack.getProperty("settings", "?"));
        stack.stringPropertyNames().stream().filter(k -> k.startsWith("image.")).sorted()
                .forEach(k -> Formats.line(md, k.substring("image.".length()), stack.getProperty(k)));
        md.append("- The load generator (wrk) runs on the same machine, outside the containers' limits.\n");
        for (StackPhase phase : phases) {
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
    static String limits(StackPhase phase) {
        StringBuilder line = new StringBuilder("- Limits (as the containers got them): ");
        for (String c : List.of("api", "mysql", "redis")) {
            line.append(String.format(Locale.ROOT, "%s %.2f CPU, %,.0f MiB; ", c, phase.first(c + "_cpus"),
                    phase.first(c + "_memory_limit") / MB));
        }
        return line.append(String.format(Locale.ROOT, "Redis maxmemory %,.0f MiB%n", phase.first("redis_maxmemory") / MB)).toString();
    }

    private static void other(StringBuilder md, StackPhase phase) {
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

    private static void run(StringBuilder md, StackPhase phase) {
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
        ScenarioResult result = new ScenarioResult(phase.name(), "wrk", phase.slices().stream().map(StackPhase.SliceRun::run).toList(),
                hit, null, phase.ratio("redis_keyspace_hits", "redis_keyspace_misses", from, to), null, null, List.of());
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
        for (StackPhase.SliceRun s : phase.slices()) {
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
    static String warmUpPoint(StackPhase phase) {
        List<StackPhase.SliceRun> slices = phase.slices();
        int from = slices.size();
        while (from > 0 && phase.sliceHitRatio(slices.get(from - 1)) >= WARM_HIT_RATIO) {
            from--;
        }
        if (from == slices.size()) {
            return "the last slice is below " + Math.round(WARM_HIT_RATIO * 100) + " % (no warm-up point within the phase)";
        }
        return String.format(Locale.ROOT, "at or above %d %% in every slice from the one ending at %.0f s (the warm-up point)",
                Math.round(WARM_HIT_RATIO * 100), slices.get(from).end() - phase.start());
    }

    /** Phases {@code X} and {@code go-X}: requests/s and CPU per request, slice by slice. */
    private static void sideBySide(StringBuilder md, List<StackPhase> phases) {
        for (StackPhase go : phases) {
            if (!go.name().startsWith("go-") || go.slices().isEmpty()) {
                continue;
            }
            StackPhase ours = phases.stream().filter(p -> p.name().equals(go.name().substring(3)) && !p.slices().isEmpty())
                    .findFirst().orElse(null);
            if (ours == null) {
                continue;
            }
            md.append("\n## ").append(ours.name()).append(" beside ").append(go.name()).append(" (same stack, same limits, same load)\n\n");
            md.append("| slice ends at | ours req/s | Go port req/s | ratio | ours p99 | Go port p99 | ours API CPU ms / 1000 req | Go port's |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < Math.min(ours.slices().size(), go.slices().size()); i++) {
                StackPhase.SliceRun a = ours.slices().get(i);
                StackPhase.SliceRun b = go.slices().get(i);
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
}
