package com.forecap.adapter.out.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import com.forecap.application.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;

/**
 * The rows of {@code LOAD DATA} as a stream: each recap pulled from the iterator only when the driver
 * reads, formatted as one tab-separated line in {@link RecapColumns#ALL} order (MySQL escaping,
 * {@code \N} for NULL). Generating therefore overlaps with the server ingesting earlier rows.
 */
final class TsvRecapStream extends InputStream {

    private final Iterator<ImportedRecap> recaps;
    private final StringBuilder line = new StringBuilder(1024);
    private long nextId = -1;
    private long rows;
    private byte[] buffer = new byte[0];
    private int position;
    private RuntimeException failure;

    TsvRecapStream(long firstId, Iterator<UserRecap> recaps) {
        this(new Iterator<>() {
            private long id = firstId;

            @Override
            public boolean hasNext() {
                return recaps.hasNext();
            }

            @Override
            public ImportedRecap next() {
                return new ImportedRecap(id++, recaps.next());
            }
        });
    }

    /**
     * A stream of rows that carry their own ids (an import), in the order given.
     *
     * @param recaps the rows
     */
    TsvRecapStream(Iterator<ImportedRecap> recaps) {
        this.recaps = recaps;
    }

    /**
     * What went wrong producing rows, if anything did.
     *
     * @return the failure, or {@code null}
     */
    RuntimeException failure() {
        return failure;
    }

    /**
     * Rows formatted so far.
     *
     * @return the count
     */
    long rows() {
        return rows;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && fill()) {
            int chunk = Math.min(length - copied, buffer.length - position);
            System.arraycopy(buffer, position, target, offset + copied, chunk);
            position += chunk;
            copied += chunk;
        }
        return copied == 0 ? -1 : copied;
    }

    /** Makes sure unread bytes are buffered; false at the end of the rows. */
    private boolean fill() throws IOException {
        if (position < buffer.length) {
            return true;
        }
        try {
            if (!recaps.hasNext()) {
                return false;
            }
            line.setLength(0);
            ImportedRecap row = recaps.next();
            nextId = row.userId();
            appendRow(row.userId(), row.recap());
        } catch (RuntimeException e) {
            failure = e;
            throw new IOException("producing the row after user " + nextId + " failed: " + e.getMessage(), e);
        }
        rows++;
        buffer = line.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }

    private void appendRow(long id, UserRecap recap) {
        line.append(id).append('\t');
        text(recap.userName()).append('\t');
        line.append(recap.trxCount()).append('\t');
        number(recap.variantCount()).append('\t');
        number(recap.totalPoint()).append('\t');
        text(recap.totalPointDescription()).append('\t');
        number(recap.totalPointPossibleRedeem()).append('\t');
        text(recap.totalPointProductName()).append('\t');
        text(recap.totalPointImage()).append('\t');
        number(recap.deliveryCount()).append('\t');
        number(recap.pickupCount()).append('\t');
        text(recap.cheaperSubsDesc()).append('\t');
        decimal(recap.cheaperSubsAmount()).append('\t');
        number(recap.topRanking()).append('\t');
        list(recap.listCircularImages()).append('\t');
        list(recap.listProductFavorite()).append('\t');
        list(recap.listFavoriteStore()).append('\n');
    }

    private StringBuilder list(JsonArrayText value) {
        return text(value == null ? null : value.json());
    }

    private StringBuilder number(Number value) {
        return value == null ? line.append("\\N") : line.append(value.longValue());
    }

    private StringBuilder decimal(BigDecimal value) {
        return value == null ? line.append("\\N") : line.append(value.toPlainString());
    }

    /** Appends text with MySQL's LOAD DATA escapes for backslash, tab, newline, carriage return and NUL. */
    private StringBuilder text(String value) {
        if (value == null) {
            return line.append("\\N");
        }
        if (!needsEscaping(value)) {
            return line.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\0' -> line.append("\\0");
                default -> line.append(c);
            }
        }
        return line;
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TsvRecapStream[last=" + nextId + ", rows=" + rows + "]";
    }
}
