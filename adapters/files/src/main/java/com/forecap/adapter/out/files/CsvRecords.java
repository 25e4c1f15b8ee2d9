package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.Reader;

/**
 * Records of a CSV or TSV text as RFC 4180 reads them, with the same results as Commons CSV's
 * {@code RFC4180} format with empty lines kept and no trimming (the reader the import used first, and the
 * reference its tests compare with): a cell in double quotes may hold the delimiter, line breaks and
 * doubled quotes; whitespace between a closing quote and the delimiter is skipped, anything else there is
 * an error, as is the end of the text inside quotes; a quote inside an unquoted cell is text; {@code \n},
 * {@code \r\n} and a lone {@code \r} end a record and count as one line each.
 *
 * <p>Made for the import's volume: cells are cut straight out of one reused character buffer (an
 * unquoted cell, and a quoted one without doubled quotes, cost one {@link String} and nothing else) and
 * the cells of a record are kept in one reused array. A cell longer than {@value #LONGEST_CELL}
 * characters (a quote never closed, most likely) stops the reading, so memory stays bounded.
 */
final class CsvRecords {

    /** Longest cell read, in characters. */
    static final int LONGEST_CELL = 16 << 20;

    private final Reader in;
    private final char delimiter;
    private char[] buffer;
    private int position;
    private int limit;
    private long line = 1;
    private long recordLine;
    private String[] cells = new String[32];
    private char[] scratch = new char[1024];
    private int size;

    /**
     * Reads records from a text.
     *
     * @param in        the text, already decoded
     * @param delimiter the cell delimiter ({@code ,} or tab)
     */
    CsvRecords(Reader in, char delimiter) {
        this(in, delimiter, 1 << 16);
    }

    /**
     * Reads records from a text with a buffer of a given first size (it grows for a longer cell).
     *
     * @param in         the text, already decoded
     * @param delimiter  the cell delimiter
     * @param bufferSize the buffer's first size in characters
     */
    CsvRecords(Reader in, char delimiter, int bufferSize) {
        this.buffer = new char[bufferSize];
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter");
        }
        this.in = in;
        this.delimiter = delimiter;
    }

    /**
     * Reads the next record.
     *
     * @return {@code false} at the end of the text
     * @throws IOException when the text cannot be read or is not CSV (the message says why)
     */
    boolean next() throws IOException {
        size = 0;
        if (position >= limit && !fill(position)) {
            return false;
        }
        recordLine = line;
        while (true) {
            add(buffer[position] == '"' ? quoted() : plain());
            if (position >= limit && !fill(position)) {
                return true;
            }
            char c = buffer[position++];
            if (c == delimiter) {
                if (position >= limit && !fill(position)) {
                    add("");
                    return true;
                }
                continue;
            }
            line++;
            if (c == '\r' && (position < limit || fill(position)) && buffer[position] == '\n') {
                position++;
            }
            return true;
        }
    }

    /**
     * The line the current record starts on, 1-based.
     *
     * @return the line
     */
    long line() {
        return recordLine;
    }

    /**
     * Lines read so far: the line the reading is on.
     *
     * @return the line, 1-based
     */
    long currentLine() {
        return line;
    }

    /**
     * The current record's number of cells.
     *
     * @return at least 1
     */
    int size() {
        return size;
    }

    /**
     * One cell of the current record.
     *
     * @param index 0-based
     * @return its text
     */
    String get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return cells[index];
    }

    private void add(String cell) {
        if (size == cells.length) {
            cells = java.util.Arrays.copyOf(cells, size * 2);
        }
        cells[size++] = cell;
    }

    /** An unquoted cell: up to the delimiter, a line break or the end. */
    private String plain() throws IOException {
        int start = position;
        while (true) {
            char[] chars = buffer;
            int end = limit;
            int at = position;
            while (at < end) {
                char c = chars[at];
                if (c == delimiter || c == '\n' || c == '\r') {
                    position = at;
                    return new String(chars, start, at - start);
                }
                at++;
            }
            position = at;
            int read = position - start;
            if (!fill(start)) {
                return new String(buffer, 0, read);
            }
            start = 0;
        }
    }

    /** A quoted cell, from its opening quote to the delimiter, line break or end after its closing quote. */
    private String quoted() throws IOException {
        long startLine = line;
        int start = ++position;
        boolean doubled = false;
        boolean afterCr = false;
        String cell = null;
        while (cell == null) {
            char[] chars = buffer;
            int end = limit;
            int at = position;
            char c = 0;
            while (at < end) {
                c = chars[at];
                if (c > '"') {
                    at++;
                } else if (c == '"' && at + 1 < end && chars[at + 1] == '"') {
                    doubled = true;
                    at += 2;
                } else if (c == '"' || c <= '\r') {
                    break;
                } else {
                    at++;
                }
            }
            if (at > position) {
                afterCr = false;
            }
            position = at;
            if (at >= end) {
                int offset = position - start;
                if (!fill(start)) {
                    throw new IOException("the text ends inside the quoted cell that starts on line " + startLine);
                }
                start = 0;
                position = offset;
                continue;
            }
            if (c == '"') {
                if (position + 1 >= limit) {
                    int offset = position - start;
                    boolean more = fill(start);
                    start = 0;
                    position = offset;
                    if (!more) {
                        cell = text(start, position, doubled);
                        position++;
                        break;
                    }
                }
                if (buffer[position + 1] == '"') {
                    doubled = true;
                    position += 2;
                } else {
                    cell = text(start, position, doubled);
                    position++;
                }
                afterCr = false;
                continue;
            }
            if (c == '\r' || (c == '\n' && !afterCr)) {
                line++;
            }
            afterCr = c == '\r';
            position++;
        }
        while (position < limit || fill(position)) {
            char c = buffer[position];
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            if (!Character.isWhitespace(c)) {
                throw new IOException("line " + line + ": a character after the closing quote of a cell, before the delimiter"
                        + " (a quote inside a quoted cell is written twice)");
            }
            position++;
        }
        return cell;
    }

    /** A quoted cell's text between its quotes, doubled quotes made single. */
    private String text(int start, int end, boolean doubled) {
        if (!doubled) {
            return new String(buffer, start, end - start);
        }
        if (scratch.length < end - start) {
            scratch = new char[Math.max(end - start, scratch.length * 2)];
        }
        char[] chars = buffer;
        char[] target = scratch;
        int length = 0;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            target[length++] = c;
            if (c == '"') {
                i++;
            }
        }
        return new String(target, 0, length);
    }

    /**
     * Reads more text, keeping the characters from {@code keep} on (moved to the buffer's start, so
     * {@code position} moves back by {@code keep}).
     *
     * @return {@code false} when the text has ended and nothing was added
     */
    private boolean fill(int keep) throws IOException {
        int kept = limit - keep;
        if (kept > LONGEST_CELL) {
            throw new IOException("line " + line + ": a cell longer than " + LONGEST_CELL + " characters (a quote not closed?)");
        }
        if (keep > 0) {
            System.arraycopy(buffer, keep, buffer, 0, kept);
        } else if (kept == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        position -= keep;
        limit = kept;
        int read;
        do {
            read = in.read(buffer, limit, buffer.length - limit);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }
}
