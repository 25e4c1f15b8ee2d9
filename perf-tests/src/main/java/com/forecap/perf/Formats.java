package com.forecap.perf;

import java.util.Locale;
import java.util.Properties;

/** How the reports print their figures (in the root locale), and their "- label: value" lines. */
final class Formats {

    private Formats() {
    }

    /** Milliseconds of latency, to the hundredth: {@code 2.50ms}. */
    static String ms(double value) {
        return String.format(Locale.ROOT, "%.2fms", value);
    }

    /** A duration in whole milliseconds: {@code 2,500 ms}. */
    static String millis(double value) {
        return String.format(Locale.ROOT, "%,.0f ms", value);
    }

    /** A count or rate in whole units: {@code 12,345}. */
    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A figure to the hundredth: {@code 1,234.50}. */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** Memory in whole megabytes: {@code 391 MB}. */
    static String megabytes(double value) {
        return String.format(Locale.ROOT, "%,.0f MB", value);
    }

    /** Whole seconds: {@code 20 s}. */
    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.0f s", value);
    }

    /** A percentage to the tenth: {@code 92.5%}. */
    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A ratio of two figures, to the hundredth: {@code 1.52x}. */
    static String times(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    /** A part of a whole, both counted: {@code 3 of 12,345}. */
    static String outOf(long part, long whole) {
        return String.format(Locale.ROOT, "%,d of %,d", part, whole);
    }

    /** A ratio as a percentage, {@code -} when there is none. */
    static String rate(Double value) {
        return value == null ? "-" : percent(value * 100);
    }

    /** The machine a run was measured on, from its facts: CPUs, model, memory and kernel. */
    static String machine(Properties facts) {
        return facts.getProperty("cpus", "?") + " CPUs (" + facts.getProperty("cpu_model", "?") + "), "
                + facts.getProperty("memory_mb", "?") + " MB RAM, " + facts.getProperty("kernel", "?");
    }

    /** Appends a list item {@code - label: value}. */
    static void line(StringBuilder md, String label, String value) {
        md.append("- ").append(label).append(": ").append(value).append('\n');
    }
}
