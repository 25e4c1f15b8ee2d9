package com.forecap.application.importing.port.out;

import java.nio.file.Path;

/** Writes rejected rows, with where and why, to a file a person reads next to the imported one. */
public interface WriteRejectsPort {

    /**
     * Opens the rejects file; it is created on the first rejected row and replaces an older one, and a
     * run with no rejects leaves no file (an older one is deleted).
     *
     * @param file         where
     * @param positionName what a position counts, e.g. {@code line}
     * @return the writer
     */
    Rejects open(Path file, String positionName);

    /** An open rejects file. */
    interface Rejects extends AutoCloseable {

        /**
         * Records one problem of a row.
         *
         * @param position the row's line or sheet row
         * @param userId   the row's user id as written (may be empty)
         * @param column   the column at fault
         * @param reason   what is wrong
         * @throws UnwritableRejectsException when the file cannot be written
         */
        void reject(long position, String userId, String column, String reason);

        /**
         * Finishes the file.
         *
         * @throws UnwritableRejectsException when it cannot be written
         */
        @Override
        void close();
    }

    /** The rejects file cannot be written (no room, no permission); the message is one line a user can act on. */
    class UnwritableRejectsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         * @param cause   the underlying failure
         */
        public UnwritableRejectsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
