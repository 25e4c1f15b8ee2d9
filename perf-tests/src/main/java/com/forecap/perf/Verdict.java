package com.forecap.perf;

/**
 * The operator guide's judgement of one figure on a t3.medium ("Performance Benchmarks for t3.medium").
 */
public enum Verdict {
    /** Meets the target column. */
    TARGET("Target"),
    /** Meets the acceptable column. */
    ACCEPTABLE("Acceptable"),
    /** Neither. */
    NEEDS_OPTIMIZATION("Needs Optimization"),
    /** Not measured in this run. */
    NOT_MEASURED("not measured");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /**
     * The column name of the guide.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Judges a figure where lower is better.
     *
     * @param value      the figure, or {@code null}
     * @param target     below this: target
     * @param acceptable below this: acceptable
     * @return the verdict
     */
    public static Verdict lowerIsBetter(Double value, double target, double acceptable) {
        if (value == null) {
            return NOT_MEASURED;
        }
        return value < target ? TARGET : value < acceptable ? ACCEPTABLE : NEEDS_OPTIMIZATION;
    }

    /**
     * Judges a figure where higher is better.
     *
     * @param value      the figure, or {@code null}
     * @param target     above this: target
     * @param acceptable above this: acceptable
     * @return the verdict
     */
    public static Verdict higherIsBetter(Double value, double target, double acceptable) {
        if (value == null) {
            return NOT_MEASURED;
        }
        return value > target ? TARGET : value > acceptable ? ACCEPTABLE : NEEDS_OPTIMIZATION;
    }
}
