package com.forecap.application.testdata.port.in;

import java.util.List;
import java.util.Map;

import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;

/** Check a stored data set the way the operator guide does: count, distribution, sample users. */
public interface VerifyTestDataUseCase {

    /** The guide's sample ids. */
    List<Long> GUIDE_SAMPLE_IDS = List.of(1L, 1_000L, 10_000L, 100_000L, 1_000_000L, 5_000_000L, 10_000_000L);

    /**
     * Runs the checks.
     *
     * @param query what to expect
     * @return the findings; {@link VerificationReport#passed()} tells the verdict
     */
    VerificationReport verify(VerifyTestDataQuery query);

    /**
     * What to expect.
     *
     * @param expectedCount users that should be stored, or {@code null} to expect ids 1..max without gaps
     */
    record VerifyTestDataQuery(Long expectedCount) {
    }

    /**
     * The findings.
     *
     * @param count        users stored
     * @param maxId        largest stored id
     * @param distribution users per range, in range order
     * @param samples      the guide's sample users that exist, as stored
     * @param problems     what is wrong, empty when all checks pass
     */
    record VerificationReport(long count, long maxId, Map<TrxRange, Long> distribution, Map<Long, UserRecap> samples,
                              List<String> problems) {
        /**
         * Whether every check passed.
         *
         * @return {@code true} when there are no problems
         */
        public boolean passed() {
            return problems.isEmpty();
        }
    }
}
