package com.forecap.perf;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportGeneratorTest {

    @TempDir
    Path results;

    private void wrkRun(String scenario, int index, double rps, double p50, double p95, double p99, long non2xx) throws Exception {
        Path folder = Files.createDirectories(results.resolve(scenario));
        Files.writeString(folder.resolve("run-" + index + ".json"), String.format(java.util.Locale.ROOT,
                "{\"mix\":\"%s\",\"duration_s\":15.0,\"requests\":%d,\"bytes\":1,\"rps\":%.2f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
                        + "\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"mean_ms\":1.0,\"non_2xx\":%d,\"connect_errors\":0,"
                        + "\"read_errors\":0,\"write_errors\":0,\"timeouts\":0}",
                scenario, (long) (rps * 15), rps, p50, p50 * 2, p95, p99, p99 * 3, non2xx));
    }

    @Test
    void fills_the_guides_table_with_medians_and_judges_each_row() throws Exception {
        Files.writeString(results.resolve("run.properties"), "command=perf-tests/run.sh realistic hot\nmode=mysql-redis\n"
                + "users=1000000\nconnections=64\nthreads=2\nruns=3\nduration=15s\nwarmup=5s\ncpus=2\nmemory_mb=24000\n");
        wrkRun("realistic", 1, 20_000, 2.0, 6.0, 12.0, 0);
        wrkRun("realistic", 2, 22_000, 2.5, 7.0, 9.0, 0);
        wrkRun("realistic", 3, 18_000, 3.0, 8.0, 15.0, 0);
        Files.writeString(results.resolve("realistic/metrics-before.txt"),
                "cache_hits_total{cache_type=\"local\"} 100.0\ncache_misses_total{cache_type=\"local\"} 900.0\n"
                        + "cache_hits_total{cache_type=\"redis\"} 800.0\ncache_misses_total{cache_type=\"redis\"} 100.0\n");
        Files.writeString(results.resolve("realistic/metrics-after.txt"),
                "cache_hits_total{cache_type=\"local\"} 300.0\ncache_misses_total{cache_type=\"local\"} 1700.0\n"
                        + "cache_hits_total{cache_type=\"redis\"} 1500.0\ncache_misses_total{cache_type=\"redis\"} 200.0\n");
        Files.writeString(results.resolve("realistic/process.properties"),
                "cpu_ticks_before=1000\ncpu_ticks_after=5500\nwall_seconds=45\nclk_tck=100\ncpus=2\nrss_kb=1048576\n");
        wrkRun("hot", 1, 40_000, 1.0, 3.0, 600.0, 12);

        Path report = ReportGenerator.generate(results);
        String text = Files.readString(report);

        assertThat(text).contains("| **p50 Response** | 2.50ms | < 30ms | < 50ms | > 50ms | Target |")
                .contains("| **p95 Response** | 7.00ms | < 100ms | < 200ms | > 200ms | Target |")
                .contains("| **p99 Response** | 12.00ms | < 200ms | < 500ms | > 500ms | Target |")
                .contains("| **Throughput** | 20,000 RPS | > 1000 RPS | > 500 RPS | < 500 RPS | Target |")
                .contains("| **Error Rate** | 0.000% |")
                .contains("| **Cache Hit Rate** | 90.0% | > 90% | > 80% | < 80% | Acceptable |")
                .contains("| **CPU Usage** | 50.0% (service process) | < 60% | < 80% | > 80% | Target |")
                .contains("| **Memory Usage** | 25.0% (RSS 1,024 MB of 4 GB)")
                .contains("| realistic | wrk | 3 | 20,000 (18,000-22,000) |")
                .contains("| hot | wrk | 1 | 40,000 (40,000-40,000) |")
                .contains("20.0% / 87.5% / 90.0%")
                .contains("Command: `perf-tests/run.sh realistic hot`");
        assertThat(text.indexOf("| realistic |")).isLessThan(text.indexOf("| hot |"));
        for (String chart : new String[] {Charts.LATENCY, Charts.THROUGHPUT}) {
            BufferedImage image = ImageIO.read(results.resolve("charts").resolve(chart).toFile());
            assertThat(image.getWidth()).isEqualTo(960);
            assertThat(image.getHeight()).isEqualTo(540);
        }
    }

    @Test
    void a_cold_start_is_reported_over_time_and_the_verdicts_judge_the_warm_scenario() throws Exception {
        wrkRun("realistic", 1, 20_000, 2.0, 6.0, 12.0, 0);
        wrkRun("cold-start", 1, 900, 40.0, 150.0, 300.0, 0);
        wrkRun("cold-start", 2, 5_000, 5.0, 20.0, 60.0, 3);
        String[] redis = {"0 0", "100 900", "4000 1000"};
        for (int i = 0; i < redis.length; i++) {
            String[] counts = redis[i].split(" ");
            Files.writeString(results.resolve("cold-start/metrics-" + i + ".txt"), "cache_hits_total{cache_type=\"redis\"} "
                    + counts[0] + "\ncache_misses_total{cache_type=\"redis\"} " + counts[1] + "\n");
        }
        Files.copy(results.resolve("cold-start/metrics-0.txt"), results.resolve("cold-start/metrics-before.txt"));
        Files.copy(results.resolve("cold-start/metrics-2.txt"), results.resolve("cold-start/metrics-after.txt"));

        String text = Files.readString(ReportGenerator.generate(results));

        assertThat(text).contains("## Performance Benchmarks for t3.medium (scenario `realistic`)")
                .contains("| cold-start | wrk | 2 | 2,950 (900-5,000) |")
                .contains("## cold-start over time")
                .contains("| 15 s | 900 | 40.00ms | 300.00ms | 900.00ms | 0 of 13,500 | - / 10.0% / 10.0% |")
                .contains("| 30 s | 5,000 | 5.00ms | 60.00ms | 180.00ms | 3 of 75,000 | - / 97.5% / 97.5% |");
        assertThat(text.indexOf("| cold-start |")).isLessThan(text.indexOf("| realistic |"));
    }

    @Test
    void a_slow_erroring_run_needs_optimization_and_k6_summaries_are_included() throws Exception {
        wrkRun("realistic", 1, 400, 60.0, 250.0, 600.0, 40);
        Files.copy(getClass().getResourceAsStream("/sample/k6-summary-load.json"), results.resolve("k6-summary-load.json"));
        String text = Files.readString(ReportGenerator.generate(results));
        assertThat(text).contains("| **p50 Response** | 60.00ms | < 30ms | < 50ms | > 50ms | Needs Optimization |")
                .contains("| **Throughput** | 400 RPS | > 1000 RPS | > 500 RPS | < 500 RPS | Needs Optimization |")
                .contains("| **Error Rate** | 0.667% | < 0.1% | < 1% | > 1% | Acceptable |")
                .contains("| **Cache Hit Rate** | no cache in this mode |")
                .contains("| k6 load | k6 | 1 | 1,234 (1,234-1,234) | 12.50ms | 30.00ms | 45.00ms | 90.00ms | 310.00ms | 0.200% |");
    }

    @Test
    void without_redis_misses_every_request_was_a_cache_hit() throws Exception {
        wrkRun("realistic", 1, 9_000, 7.0, 24.0, 40.0, 0);
        Files.writeString(results.resolve("realistic/metrics-before.txt"), "");
        Files.writeString(results.resolve("realistic/metrics-after.txt"),
                "cache_hits_total{cache_type=\"local\"} 706.0\ncache_misses_total{cache_type=\"local\"} 294.0\n"
                        + "cache_hits_total{cache_type=\"redis\"} 294.0\n");
        assertThat(Files.readString(ReportGenerator.generate(results)))
                .contains("| **Cache Hit Rate** | 100.0% | > 90% | > 80% | < 80% | Target |")
                .contains("70.6% / 100.0% / 100.0%");
    }

    @Test
    void verdict_boundaries_follow_the_guide() {
        assertThat(Verdict.lowerIsBetter(29.9, 30, 50)).isEqualTo(Verdict.TARGET);
        assertThat(Verdict.lowerIsBetter(30.0, 30, 50)).isEqualTo(Verdict.ACCEPTABLE);
        assertThat(Verdict.lowerIsBetter(50.0, 30, 50)).isEqualTo(Verdict.NEEDS_OPTIMIZATION);
        assertThat(Verdict.higherIsBetter(1000.1, 1000, 500)).isEqualTo(Verdict.TARGET);
        assertThat(Verdict.higherIsBetter(500.0, 1000, 500)).isEqualTo(Verdict.NEEDS_OPTIMIZATION);
        assertThat(Verdict.higherIsBetter(null, 1000, 500)).isEqualTo(Verdict.NOT_MEASURED);
    }
}
