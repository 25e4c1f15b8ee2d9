package com.forecap.application.testdata.port.in;

import java.time.Duration;

import com.forecap.application.shared.IdRange;

/** Fill the recap store with the synthetic data set, resuming where an earlier run stopped. */
public interface GenerateTestDataUseCase {

    /**
     * Makes sure every user of the command's range is stored.
     *
     * @param command what to generate
     * @return what was found and written
     * @throws com.forecap.application.shared.port.out.StoreException when the store fails;
     *         every chunk written before the failure stays complete, and re-running resumes
     */
    GenerationReport generate(GenerateTestDataCommand command);

    /**
     * What to generate.
     *
     * @param range    the user ids
     * @param threads  parallel writers, 1..64
     * @param truncate remove every stored user first
     */
    record GenerateTestDataCommand(IdRange range, int threads, boolean truncate) {
        /** Validates. */
        public GenerateTestDataCommand {
            if (range == null) {
                throw new IllegalArgumentException("range is required");
            }
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64, was " + threads);
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param range          the ids asked for
     * @param alreadyPresent users of the range found stored before writing
     * @param written        users written by this run
     * @param elapsed        time taken
     */
    record GenerationReport(IdRange range, long alreadyPresent, long written, Duration elapsed) {
        /**
         * Rows written per second by this run.
         *
         * @return the rate, 0 when nothing was written
         */
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return written == 0 || seconds <= 0 ? 0 : written / seconds;
        }
    }
}
