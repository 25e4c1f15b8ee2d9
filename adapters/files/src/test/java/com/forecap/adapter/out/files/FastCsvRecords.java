package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

/**
 * {@link CsvRecords}' reading done by FastCSV instead, with the same methods, as the import would use it had
 * it replaced the hand-written reader: RFC 4180, empty lines kept (as one empty cell), any number of cells a
 * record, the end of the text inside quotes an error, cells up to {@link CsvRecords#LONGEST_CELL}
 * characters. {@link CsvReadBenchmark} measures the two against each other.
 *
 * <p>Put in place of {@code CsvRecords} it does not pass {@code CsvRecordsTest}, in either of FastCSV's
 * parsers: the default one refuses whitespace between a closing quote and the delimiter (Commons CSV and
 * {@code CsvRecords} skip it) and counts one line too few for a quoted cell with a lone CR followed later by
 * an LF; the relaxed one ({@code trimWhitespacesAroundQuotes}) also drops whitespace before an opening quote
 * and makes the cell a quoted one, where RFC 4180 readers keep {@code  "a"} as text. See
 * perf-tests/results/2026-12-05-csv-reader.md.
 */
final class FastCsvRecords {

    private static final Pattern RECORD_LINE = Pattern.compile("record starting at line (\\d+)");

    private final CloseableIterator<CsvRecord> records;
    private CsvRecord current;
    private long nextLine = 1;

    /**
     * Reads records from a text with FastCSV's default parser.
     *
     * @param in        the text, already decoded
     * @param delimiter the cell delimiter ({@code ,} or tab)
     */
    FastCsvRecords(Reader in, char delimiter) {
        this(in, delimiter, false);
    }

    /**
     * Reads records from a text.
     *
     * @param in        the text, already decoded
     * @param delimiter the cell delimiter ({@code ,} or tab)
     * @param relaxed   whether to use FastCSV's relaxed parser, which skips whitespace around quotes
     */
    FastCsvRecords(Reader in, char delimiter, boolean relaxed) {
        this.records = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .trimWhitespacesAroundQuotes(relaxed)
                .maxBufferSize(CsvRecords.LONGEST_CELL)
                .ofCsvRecord(in)
                .iterator();
    }

    /**
     * Reads the next record.
     *
     * @return {@code false} at the end of the text
     * @throws IOException when the text cannot be read or is not CSV
     */
    boolean next() throws IOException {
        try {
            if (!records.hasNext()) {
                return false;
            }
            current = records.next();
            nextLine = current.getStartingLineNumber() + 1;
            return true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new IOException(message(e), e);
        }
    }

    private static String message(CsvParseException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String text = root.getMessage();
        Matcher line = RECORD_LINE.matcher(text);
        if (text.startsWith("Unclosed quoted field") && line.find()) {
            return "the text ends inside the quoted cell that starts on line " + line.group(1);
        }
        return text;
    }

    long line() {
        return current.getStartingLineNumber();
    }

    /**
     * The line after the current record's first (FastCSV does not tell the line it reads).
     *
     * @return the line, 1-based
     */
    long currentLine() {
        return nextLine;
    }

    int size() {
        return current.getFieldCount();
    }

    String get(int index) {
        return current.getField(index);
    }
}
