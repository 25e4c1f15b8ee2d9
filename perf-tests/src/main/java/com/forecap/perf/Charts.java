package com.forecap.perf;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** PNG charts of a report, drawn with JFreeChart (headless). */
final class Charts {

    static final String LATENCY = "latency-percentiles.png";
    static final String THROUGHPUT = "requests-per-second.png";
    static final String COLD_START_RPS = "cold-start-requests-per-second.png";
    static final String COLD_START_P99 = "cold-start-p99.png";
    static final String CANDIDATES_RPS = "candidates-requests-per-second.png";
    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;

    private Charts() {
    }

    /**
     * Draws the latency percentiles (medians over runs) per scenario.
     *
     * @param scenarios the scenarios
     * @param folder    where the PNG goes
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path latency(List<ScenarioResult> scenarios, Path folder) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ScenarioResult scenario : scenarios) {
            data.addValue(scenario.median(RunFigures::p50), "p50", scenario.name());
            data.addValue(scenario.median(RunFigures::p90), "p90", scenario.name());
            data.addValue(scenario.median(RunFigures::p95), "p95", scenario.name());
            data.addValue(scenario.median(RunFigures::p99), "p99", scenario.name());
        }
        JFreeChart chart = ChartFactory.createBarChart("Latency percentiles (median of runs)", "scenario", "milliseconds",
                data, PlotOrientation.VERTICAL, true, false, false);
        return save(chart, folder.resolve(LATENCY));
    }

    /**
     * Draws requests per second (median, min and max over runs) per scenario.
     *
     * @param scenarios the scenarios
     * @param folder    where the PNG goes
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path throughput(List<ScenarioResult> scenarios, Path folder) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ScenarioResult scenario : scenarios) {
            data.addValue(scenario.min(RunFigures::rps), "min", scenario.name());
            data.addValue(scenario.median(RunFigures::rps), "median", scenario.name());
            data.addValue(scenario.max(RunFigures::rps), "max", scenario.name());
        }
        JFreeChart chart = ChartFactory.createBarChart("Requests per second", "scenario", "requests/s", data,
                PlotOrientation.VERTICAL, true, false, false);
        return save(chart, folder.resolve(THROUGHPUT));
    }

    /**
     * Draws one figure of the cold start slice by slice, a line per candidate.
     *
     * @param title        chart title
     * @param axis         label of the values
     * @param perCandidate each candidate's value per slice, in slice order
     * @param sliceSeconds nominal length of a slice
     * @param file         the PNG
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path slices(String title, String axis, Map<String, double[]> perCandidate, double sliceSeconds, Path file)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        perCandidate.forEach((candidate, values) -> {
            for (int i = 0; i < values.length; i++) {
                data.addValue(values[i], candidate, Formats.seconds((i + 1) * sliceSeconds));
            }
        });
        JFreeChart chart = ChartFactory.createLineChart(title, "slice ends at (seconds since ready)", axis, data,
                PlotOrientation.VERTICAL, true, false, false);
        return save(chart, file);
    }

    /**
     * Draws requests per second per scenario, a bar per candidate.
     *
     * @param perCandidate each candidate's requests/s by scenario
     * @param folder       where the PNG goes
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path candidates(Map<String, Map<String, Double>> perCandidate, Path folder) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        perCandidate.forEach((candidate, byScenario) -> byScenario.forEach((scenario, rps) -> data.addValue(rps, candidate, scenario)));
        JFreeChart chart = ChartFactory.createBarChart("Requests per second (median of rounds)", "scenario", "requests/s", data,
                PlotOrientation.VERTICAL, true, false, false);
        return save(chart, folder.resolve(CANDIDATES_RPS));
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xF4, 0xF6, 0xF8));
        plot.setRangeGridlinePaint(Color.GRAY);
        Files.createDirectories(file.getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
