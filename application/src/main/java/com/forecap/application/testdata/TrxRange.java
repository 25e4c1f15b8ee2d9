package com.forecap.application.testdata;

/**
 * The ranges of {@code trx_count} that the operator's guide reports on, with the share of users the
 * synthetic data set puts in each (50 % of users fall in 0-10, uniform, so 1/11 of those have 0).
 */
public enum TrxRange {
    /** No transaction. */
    ZERO("0", 0, 0, 0.50 / 11),
    /** 1 to 10 transactions. */
    ONE_TO_TEN("1-10", 1, 10, 0.50 * 10 / 11),
    /** 11 to 50 transactions. */
    ELEVEN_TO_FIFTY("11-50", 11, 50, 0.30),
    /** 51 to 200 transactions. */
    FIFTY_ONE_TO_TWO_HUNDRED("51-200", 51, 200, 0.15),
    /** More than 200 transactions. */
    OVER_TWO_HUNDRED("201+", 201, Long.MAX_VALUE, 0.05);

    private final String label;
    private final long min;
    private final long max;
    private final double expectedShare;

    TrxRange(String label, long min, long max, double expectedShare) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.expectedShare = expectedShare;
    }

    /**
     * The label the guide's SQL prints.
     *
     * @return e.g. {@code 11-50}
     */
    public String label() {
        return label;
    }

    /**
     * The share of users the synthetic data puts here.
     *
     * @return a fraction between 0 and 1
     */
    public double expectedShare() {
        return expectedShare;
    }

    /**
     * Whether a count falls in this range.
     *
     * @param trxCount a transaction count
     * @return {@code true} when inside
     */
    public boolean contains(long trxCount) {
        return trxCount >= min && trxCount <= max;
    }

    /**
     * The range of a count.
     *
     * @param trxCount a transaction count, not negative
     * @return its range
     */
    public static TrxRange of(long trxCount) {
        for (TrxRange range : values()) {
            if (range.contains(trxCount)) {
                return range;
            }
        }
        throw new IllegalArgumentException("negative trx count: " + trxCount);
    }

    /**
     * Finds a range by the label the guide's SQL prints.
     *
     * @param label e.g. {@code 201+}
     * @return the range
     * @throws IllegalArgumentException for an unknown label
     */
    public static TrxRange ofLabel(String label) {
        for (TrxRange range : values()) {
            if (range.label.equals(label)) {
                return range;
            }
        }
        throw new IllegalArgumentException("unknown trx range: " + label);
    }
}
