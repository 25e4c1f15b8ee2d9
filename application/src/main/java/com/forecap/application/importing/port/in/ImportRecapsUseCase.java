package com.forecap.application.importing.port.in;

import java.nio.file.Path;
import java.time.Duration;

/** Imports users from a data warehouse export file into the store. */
public interface ImportRecapsUseCase {

    /**
     * Imports one file.
     *
     * @param command what to import and how
     * @return what happened
     * @throws ImportFileException when the file cannot be imported
     */
    ImportReport importFile(ImportCommand command);

    /**
     * What to import.
     *
     * @param file                 the file
     * @param sheet                the XLSX sheet, or {@code null} for the first
     * @param rejects              where rejected rows go
     * @param ignoreUnknownColumns skip columns that are not the schema's instead of failing
     * @param dryRun               validate only, store nothing
     * @param invalidateCache      delete the cached recaps of the imported users
     */
    record ImportCommand(Path file, String sheet, Path rejects, boolean ignoreUnknownColumns, boolean dryRun,
                         boolean invalidateCache) {
    }

    /**
     * What an import did.
     *
     * @param format          the file's format
     * @param rows            data rows read
     * @param loaded          valid rows stored by this run (0 in a dry run)
     * @param valid           valid rows
     * @param rejected        rows rejected
     * @param resumed         rows already dealt with by an earlier, interrupted run
     * @param duplicates      valid rows whose id an earlier row of the file had (the later row wins)
     * @param evicted         cache entries deleted
     * @param ignoredColumns  columns skipped
     * @param elapsed         time taken
     */
    record ImportReport(String format, long rows, long loaded, long valid, long rejected, long resumed, long duplicates,
                        long evicted, java.util.List<String> ignoredColumns, Duration elapsed) {

        /**
         * Rows read per second.
         *
         * @return the rate
         */
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }
}
