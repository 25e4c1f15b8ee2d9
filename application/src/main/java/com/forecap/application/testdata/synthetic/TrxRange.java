package com.forecap.application.testdata.synthetic;

/**
 * The ranges of {@code trx_count} that the operator's guide reports on; the share of users the
 * synthetic data set puts in each is {@link SyntheticRecaps#expectedShare(TrxRange)}.
 */
public enum TrxRange {
    /** No transaction. */
    ZERO("0", 0, 0),
    /** 1 to 10 transactions. */
    ONE_TO_TEN("1-10", 1, 10),
    /** 11 to 50 transactions. */
    ELEVEN_TO_FIFTY("11-50", 11, 50),
    /** 51 to 200 transactions. */
    FIFTY_ONE_TO_TWO_HUNDRED("51-200", 51, 200),
    /** More than 200 transactions. */
    OVER_TWO_HUNDRED("201+", 201, Long.MAX_VALUE);

    private final String label;
    private final long min;
    private final long max;

    TrxRange(String label, long min, long max) {
        this.label = label;
        this.min = min;
        this.max = max;
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
     * The smallest count in the range.
     *
     * @return the lower bound, inclusive
     */
    public long min() {
        return min;
    }

    /**
     * The largest count in the range.
     *
     * @return the upper bound, inclusive ({@link Long#MAX_VALUE} for the open range)
     */
    public long max() {
        return max;
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
}
