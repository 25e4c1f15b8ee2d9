package com.forecap.perf;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Median and range of one figure over rounds.
 *
 * @param median the median
 * @param min    the smallest value
 * @param max    the largest value
 * @param count  how many values
 */
record Spread(double median, double min, double max, int count) {

    /**
     * The spread of some values.
     *
     * @param values the values
     * @return their spread, or {@code null} when there are none
     */
    static Spread of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        return new Spread(median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /**
     * The median of sorted values: the middle one, or the mean of the two middle ones.
     *
     * @param sorted at least one value, in ascending order
     * @return the median
     */
    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Whether the two ranges share a value, i.e. the difference of the medians is within the noise seen. */
    boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }

    /** The median, and the range when there was more than one value. */
    String format(DoubleFunction<String> number) {
        return count > 1 && min != max ? number.apply(median) + " (" + number.apply(min) + "-" + number.apply(max) + ")"
                : number.apply(median);
    }
}
