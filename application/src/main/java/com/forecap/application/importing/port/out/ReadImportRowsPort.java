package com.forecap.application.importing.port.out;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the rows of an import file (the data warehouse's export), streamed: one row in memory at a time. */
public interface ReadImportRowsPort {

    /**
     * Opens a file; its format follows from its name ({@code .csv}, {@code .tsv}, {@code .csv.gz},
     * {@code .tsv.gz}, {@code .xlsx}, {@code .jsonl}, {@code .ndjson}, {@code .jsonl.gz}).
     *
     * @param file  the file
     * @param sheet the XLSX sheet's name, or {@code null} for the first (only) sheet
     * @return its rows, to close after use
     * @throws UnreadableFileException when the file is missing, unreadable or not in a known format
     */
    ImportRows open(Path file, String sheet);

    /** The rows of one file, in file order. */
    interface ImportRows extends Iterator<ImportRow>, AutoCloseable {

        /**
         * The format's name, e.g. {@code CSV}.
         *
         * @return the name
         */
        String format();

        /**
         * The column names of the header row as written; empty for JSON Lines, whose rows name their own.
         *
         * @return the names
         */
        List<String> header();

        /**
         * What a row's position counts: {@code line} (text formats) or {@code sheet_row} (XLSX).
         *
         * @return the name
         */
        String positionName();

        /**
         * What identifies this file's content for resuming: path, size and modification time (and sheet).
         *
         * @return the identity
         */
        String identity();

        /**
         * How much of the file was read so far, for an estimate of the total.
         *
         * @return 0..1, or a negative number when unknown
         */
        double fractionRead();

        @Override
        void close();
    }

    /**
     * One data row: its cells, or why the reader could not make cells of it.
     */
    sealed interface ImportRow permits Cells, Broken {

        /**
         * Where the row is.
         *
         * @return its line number (text formats) or sheet row number (XLSX), 1-based as an editor shows it
         */
        long position();
    }

    /**
     * A row read into cells.
     *
     * @param position its line number (text formats) or sheet row number (XLSX), 1-based as an editor shows it
     * @param values   cell text by column name as written; a missing or empty cell is {@code ""} or absent
     */
    record Cells(long position, Map<String, String> values) implements ImportRow {
    }

    /**
     * A row the reader could not make whole cells of, e.g. a JSON Lines line that is not one JSON object, or a
     * row with a cell beyond the header.
     *
     * @param position its line number (text formats) or sheet row number (XLSX), 1-based as an editor shows it
     * @param reason   what is wrong, for the rejects file (e.g. {@code not a JSON object})
     * @param readable the cells that could be read, by column name (to name the user in the rejects file); may be empty
     */
    record Broken(long position, String reason, Map<String, String> readable) implements ImportRow {

        /**
         * A broken row of which nothing could be read.
         *
         * @param position its line or sheet row number
         * @param reason   what is wrong
         */
        public Broken(long position, String reason) {
            this(position, reason, Map.of());
        }
    }

    /** A file that cannot be read at all; the message is one line a user can act on. */
    class UnreadableFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         * @param cause   the underlying failure, or {@code null}
         */
        public UnreadableFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
