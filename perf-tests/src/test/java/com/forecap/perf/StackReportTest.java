package com.forecap.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StackReportTest {

    private static final String HEADER = "time\tapi_cpu_seconds\tapi_memory_bytes\tapi_rss_bytes\tapi_memory_limit\tapi_cpus"
            + "\tmysql_cpu_seconds\tmysql_memory_bytes\tmysql_rss_bytes\tmysql_memory_limit\tmysql_cpus"
            + "\tredis_cpu_seconds\tredis_memory_bytes\tredis_rss_bytes\tredis_memory_limit\tredis_cpus"
            + "\tredis_used_memory\tredis_maxmemory\tredis_keys\tredis_evicted_keys\tredis_keyspace_hits\tredis_keyspace_misses"
            + "\tlocal_hits\tlocal_misses\tservice_redis_hits\tservice_redis_misses\tinnodb_read_requests\tinnodb_reads";
    private static final double MIB = 1024 * 1024;

    @TempDir
    Path results;

    /**
     * A load phase of 30 s slices from epoch 1000: per 30 s the API spends {@code cpuPerSlice} CPU seconds and the
     * cache answers {@code hitRatios[i]} of 1,000 requests, half of the hits from the near cache.
     */
    private Path phase(String name, String date, double[] rps, double[] hitRatios, double cpuPerSlice) throws Exception {
        Path folder = Files.createDirectories(results.resolve(name));
        Files.writeString(folder.resolve("phase.properties"), "date=" + date + "\nmix=realistic\nusers=10000000\nconnections=64\n"
                + "slice=30\ncontainer=forecap-api\nfresh=1\nrestart_mysql=1\nready_after_restart_ms=1800\n");
        List<String> samples = new ArrayList<>(List.of(HEADER));
        StringBuilder slices = new StringBuilder("slice\tstart\tend\n");
        double cpu = 0;
        double localHits = 0;
        double redisHits = 0;
        double redisMisses = 0;
        double reads = 0;
        double readRequests = 0;
        samples.add(sample(1000, cpu, localHits, redisHits, redisMisses, readRequests, reads, 0));
        for (int i = 0; i < rps.length; i++) {
            double start = 1000 + 30.0 * i;
            slices.append(i + 1).append('\t').append(start).append('\t').append(start + 30).append('\n');
            Files.writeString(folder.resolve("run-" + (i + 1) + ".json"), String.format(Locale.ROOT,
                    "{\"requests\":%d,\"rps\":%.1f,\"p50_ms\":2,\"p90_ms\":4,\"p95_ms\":5,\"p99_ms\":9,\"max_ms\":20,\"non_2xx\":0}",
                    (long) (rps[i] * 30), rps[i]));
            cpu += cpuPerSlice;
            localHits += 500 * hitRatios[i];
            redisHits += 500 * hitRatios[i];
            redisMisses += 1000 * (1 - hitRatios[i]);
            readRequests += 10_000;
            reads += 100 * (i + 1);
            samples.add(sample(start + 30, cpu, localHits, redisHits, redisMisses, readRequests, reads, 40 * (i + 1)));
        }
        Files.write(folder.resolve("samples.tsv"), samples);
        Files.writeString(folder.resolve("slices.tsv"), slices.toString());
        return folder;
    }

    private static String sample(double time, double apiCpu, double localHits, double redisHits, double redisMisses,
                                 double readRequests, double reads, double redisMib) {
        return String.format(Locale.ROOT, "%.3f\t%.3f\t%d\t%d\t1073741824\t1.00\t%.3f\t%d\t%d\t1342177280\t1.00\t%.3f\t%d\t%d\t1207959552\t0.50"
                        + "\t%d\t1073741824\t%d\t0\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d",
                time, apiCpu, (long) (300 * MIB), (long) (280 * MIB), apiCpu / 2, (long) (1280 * MIB), (long) (900 * MIB), apiCpu / 4,
                (long) (redisMib * MIB + 10 * MIB), (long) (redisMib * MIB), (long) (redisMib * MIB), (long) (redisMib * 5000),
                (long) (redisHits * 2), (long) redisMisses, (long) localHits, (long) (localHits + redisHits + redisMisses), (long) redisHits,
                (long) redisMisses, (long) readRequests, (long) reads);
    }

    @Test
    void judges_each_phase_slice_by_slice_and_puts_a_go_port_run_beside_ours() throws Exception {
        Files.writeString(results.resolve("stack.properties"), "cpus=2\nmemory_mb=24000\nsettings=deploy/.env.example, USER_BUDGET=0\n");
        phase("cold", "2026-12-05T01:00:00Z", new double[] {4000, 6000, 8000, 8000}, new double[] {0.2, 0.6, 0.92, 0.95}, 15);
        phase("go-cold", "2026-12-05T02:00:00Z", new double[] {2000, 3000, 4000, 4000}, new double[] {0.2, 0.6, 0.92, 0.95}, 12);
        Path generate = Files.createDirectories(results.resolve("generate"));
        Files.writeString(generate.resolve("phase.properties"), "date=2026-12-05T00:00:00Z\ngenerate_seconds=154\n");
        Files.write(generate.resolve("samples.tsv"), List.of(HEADER, sample(900, 0, 0, 0, 0, 0, 0, 1), sample(1054, 1, 0, 0, 0, 0, 0, 1)));

        String report = Files.readString(StackReport.generate(results));

        // phases in the order they ran, the generation without slices
        assertThat(report.indexOf("## generate")).isLessThan(report.indexOf("## cold")).isPositive();
        assertThat(report).contains("generate_seconds: 154");
        assertThat(report).contains("- Limits (as the containers got them): api 1.00 CPU, 1,024 MiB; mysql 1.00 CPU, 1,280 MiB; "
                + "redis 0.50 CPU, 1,152 MiB; Redis maxmemory 1,024 MiB");
        // cold: 780,000 requests in 120 s; 60 API CPU seconds -> 76.9 ms per 1000 requests
        assertThat(report).contains("780,000 requests in 120 s (6,500/s); API container CPU 76.9 ms per 1000 requests");
        // slice 1: hit ratio 20 %, buffer pool 1 - 100/10,000 = 99 %, API 0.50 cores
        assertThat(report).contains("| 30 s | 4,000 | 2.00ms | 5.00ms | 9.00ms | 0 | 20.0% |");
        assertThat(report).contains("| 99.0% | 0.50, 300 (280) |");
        // the warm-up point: from the third slice on, every slice is at or above 90 %
        assertThat(report).contains("from the one ending at 90 s (the warm-up point)");
        // the guide's table: medians of the slices; CPU against the API's own limit
        assertThat(report).contains("| **Throughput** | 7,000 RPS |").contains("50.0% of the API's 1.0 CPU (0.50 cores)");
        // side by side: ratios per slice and CPU per 1000 requests of each
        assertThat(report).contains("## cold beside go-cold");
        assertThat(report).contains("| 30 s | 4,000 | 2,000 | 2.00 | 9.00ms | 9.00ms | 125 | 200 |");
        assertThat(report).contains("| whole phase | 6,500 | 3,250 | 2.00 | | | 77 | 123 |");
        assertThat(results.resolve("charts/stack-requests-per-second.png")).isNotEmptyFile();
        assertThat(results.resolve("charts/stack-hit-ratio.png")).isNotEmptyFile();
    }

    @Test
    void says_so_when_the_cache_never_reaches_the_guides_ratio() throws Exception {
        phase("cold", "2026-12-05T01:00:00Z", new double[] {4000, 5000}, new double[] {0.5, 0.85}, 15);

        String report = Files.readString(StackReport.generate(results));

        assertThat(report).contains("the last slice is below 90 % (no warm-up point within the phase)");
        assertThat(StackPhase.read(results.resolve("cold")).cacheHitRatio(1000, 1060)).isCloseTo(0.675, within(1e-9));
    }

    @Test
    void refuses_a_folder_without_phases() {
        assertThatThrownBy(() -> StackReport.generate(results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no phase");
    }
}
