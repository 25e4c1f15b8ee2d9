package com.forecap.perf;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CompareReportTest {

    @TempDir
    Path results;

    private Path trial(int round, String candidate, int position, String readyMs) throws Exception {
        Path folder = Files.createDirectories(results.resolve("round-" + round).resolve(candidate));
        Files.writeString(folder.resolve("candidate.properties"), "name=" + candidate + "\nposition=" + position + "\nready_path=/health\n"
                + (readyMs == null ? "failed=did not become ready\n" : "ready_ms=" + readyMs + "\n"));
        return folder;
    }

    private static void run(Path folder, int index, double seconds, double rps, double p50, double p99, long non2xx) throws Exception {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("run-" + index + ".json"), String.format(Locale.ROOT,
                "{\"mix\":\"realistic\",\"duration_s\":%.1f,\"requests\":%d,\"bytes\":1,\"rps\":%.2f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,"
                        + "\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"mean_ms\":1.0,\"non_2xx\":%d,\"connect_errors\":0,"
                        + "\"read_errors\":0,\"write_errors\":0,\"timeouts\":0}",
                seconds, (long) (rps * seconds), rps, p50, p50 * 2, p99 / 2, p99, p99 * 2, non2xx));
    }

    private static void process(Path folder, long ticks, double wall, long rssKb, long hwmKb) throws Exception {
        Files.writeString(folder.resolve("process.properties"), "cpu_ticks_before=1000\ncpu_ticks_after=" + (1000 + ticks)
                + "\nwall_seconds=" + wall + "\nclk_tck=100\ncpus=2\nrss_kb=" + rssKb + "\nhwm_kb=" + hwmKb + "\n");
    }

    private void facts(int slices, double slice) throws Exception {
        Files.writeString(results.resolve("compare.properties"), "command=perf-tests/compare.sh --candidate a=1=x --candidate b=2=y\n"
                + "candidates=a,b\ncandidate.a.command=java -jar a.jar\ncandidate.b.command=./b\nscenarios=cold-start,realistic,hot\n"
                + "users=1000000\nconnections=64\nthreads=2\nslices=" + slices + "\nslice_seconds=" + slice + "\nduration_seconds=10\n"
                + "warmup_seconds=5\nmysql_database=forecap_perf\n");
    }

    @Test
    void puts_the_candidates_side_by_side_and_names_where_each_wins() throws Exception {
        facts(6, 5);
        // a: slower to start and warm, faster in steady state; b: quick start, lower peak memory
        Path a = trial(1, "a", 1, "2500");
        for (int i = 1; i <= 6; i++) {
            run(a.resolve("cold-start"), i, 5, i == 1 ? 1_000 : 10_000, 2.0, i == 1 ? 80.0 : 5.0, 0);
        }
        process(a.resolve("cold-start"), 3000, 30, 300_000, 400_000);
        run(a.resolve("realistic"), 1, 10, 20_000, 2.0, 9.0, 0);
        process(a.resolve("realistic"), 1000, 10, 310_000, 400_000);
        run(a.resolve("hot"), 1, 10, 40_000, 1.0, 4.0, 0);
        process(a.resolve("hot"), 1000, 10, 320_000, 409_600);
        Path b = trial(1, "b", 2, "500");
        for (int i = 1; i <= 6; i++) {
            run(b.resolve("cold-start"), i, 5, 8_000, 3.0, 12.0, i == 1 ? 5 : 0);
        }
        process(b.resolve("cold-start"), 2000, 30, 30_000, 40_000);
        run(b.resolve("realistic"), 1, 10, 10_000, 3.0, 12.0, 0);
        process(b.resolve("realistic"), 1000, 10, 30_000, 51_200);
        run(b.resolve("hot"), 1, 10, 16_000, 2.0, 6.0, 0);
        process(b.resolve("hot"), 800, 10, 30_000, 51_200);

        String text = Files.readString(CompareReport.generate(results));

        assertThat(text).contains("# Side by side - a vs b")
                .contains("| realistic | requests/s | **a** 20,000 | b 10,000 | 2.00x |  |")
                .contains("| cold-start | time to ready | **b** 500 ms | a 2,500 ms | 5.00x |  |")
                // first 20 s: four slices of 5 s; a 5,000 + 3 x 50,000, b 4 x 40,000
                .contains("| cold-start | requests in the first 20 s | **b** 160,000 | a 155,000 | 1.03x |  |")
                .contains("| cold-start | errors | **a** 0 | b 5 | - |  |")
                .contains("| all | peak RSS | **b** 50 MB | a 400 MB | 8.00x |  |")
                // CPU: a 10 s over 200,000 requests = 50 ms per 1000; b 10 s over 100,000 = 100
                .contains("| realistic | CPU ms per 1000 requests | **a** 50.00 | b 100.00 | 2.00x |  |")
                .contains("| a | 20,000 | 1.00x | 2.00ms | 4.50ms | 9.00ms | 0 of 200,000 | 10.00 | 50.00 | 391 MB | 303 MB |")
                .contains("| b | 10,000 | 0.50x | 3.00ms | 6.00ms | 12.00ms | 0 of 100,000 | 10.00 | 100.00 | 50 MB | 29 MB |")
                .contains("| 5 s | 1,000 | 2.00ms | 40.00ms | 80.00ms | 0 of 5,000 | 8,000 | 3.00ms | 6.00ms | 12.00ms | 5 of 40,000 |")
                .contains("| a | 155,000 | 0 | - | 0.97x |")
                .contains("- **a** is best at: ")
                .contains("- **b** is best at: cold-start time to ready (5.00x)")
                .contains("### a\n\n| Metric | Measured |")
                .contains("| **Throughput** | 10,000 RPS | > 1000 RPS | > 500 RPS | < 500 RPS | Target |")
                .contains("| **CPU Usage** | 50.0% (service process) |")
                .contains("Rounds: 1 (round 1: a, b)");
        for (String chart : List.of(Charts.CANDIDATES_RPS, Charts.COLD_START_RPS, Charts.COLD_START_P99)) {
            BufferedImage image = ImageIO.read(results.resolve("charts").resolve(chart).toFile());
            assertThat(image.getWidth()).isEqualTo(960);
        }
    }

    @Test
    void several_rounds_give_medians_spreads_and_flag_wins_within_the_noise() throws Exception {
        facts(2, 2);
        double[][] realistic = {{20_000, 10_000}, {12_000, 11_000}, {21_000, 19_000}};
        for (int round = 1; round <= 3; round++) {
            for (int c = 0; c < 2; c++) {
                String name = c == 0 ? "a" : "b";
                Path folder = trial(round, name, round % 2 == 1 ? c : 1 - c, String.valueOf(1000 * (c + 1)));
                run(folder.resolve("cold-start"), 1, 2, 5_000, 2.0, 9.0, 0);
                run(folder.resolve("cold-start"), 2, 2, 6_000, 2.0, 9.0, 0);
                run(folder.resolve("realistic"), 1, 10, realistic[round - 1][c], 2.0, 9.0, 0);
            }
        }
        // a candidate that never became ready in a round is listed, not measured
        trial(4, "b", 0, null);

        String text = Files.readString(CompareReport.generate(results));

        assertThat(text).contains("| a | 20,000 (12,000-21,000) | 1.00x |")
                .contains("| b | 11,000 (10,000-19,000) | 0.55x |")
                .contains("| realistic | requests/s | **a** 20,000 (12,000-21,000) | b 11,000 (10,000-19,000) | 1.82x | within the spread |")
                .contains("round 1: a, b; round 2: b, a; round 3: a, b; round 4: b")
                .contains("The first 4 s")
                .contains("| 4 | b | - | - | - | - | did not become ready |")
                .contains("| cold-start | worst slice p99 | a 9.00ms | b 9.00ms | 1.00x | tie |");
    }
}
