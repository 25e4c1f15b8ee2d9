package com.forecap.adapter.out.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Iterator;

import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import com.mysql.cj.jdbc.JdbcStatement;

/**
 * The rows of {@code LOAD DATA} as a stream: each recap pulled from the iterator only when the driver
 * reads, formatted as one tab-separated line in {@link RecapColumns#ALL} order (MySQL escaping,
 * {@code \N} for NULL). Generating therefore overlaps with the server ingesting earlier rows.
 */
final class TsvRecapStream extends InputStream {

    private final Iterator<ImportedRecap> recaps;

    private long nextId = -1;
    private long rows;
    /** The current row's bytes, {@code length} of them, the first {@code position} of them read. */
    private byte[] buffer = new byte[2048];
    private int length;
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

    @FunctionalInterface
    interface SqlStep {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Feeds this stream to a {@code LOAD DATA LOCAL} statement in one transaction on a pooled connection:
     * {@code before} runs first, outside the transaction (DDL would commit it), {@code inTransaction}
     * after the statement, and the transaction commits only when both succeed. On any failure the
     * connection is discarded, so the server rolls back, and the failure is thrown on.
     */
    void loadInTransaction(MySqlConnections connections, String load, SqlStep before, SqlStep inTransaction)
            throws SQLException {
        Connection connection = connections.connection();
        try {
            before.run(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(this);
                statement.execute(load);
            }
            inTransaction.run(connection);
            connection.commit();
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException | RuntimeException e) {
            connections.discard(connection);
            throw e;
        }
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
    public int read(byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < count && fill()) {
            int chunk = Math.min(count - copied, length - position);
            System.arraycopy(buffer, position, target, offset + copied, chunk);
            position += chunk;
            copied += chunk;
        }
        return copied == 0 ? -1 : copied;
    }

    /** Makes sure unread bytes are buffered; false at the end of the rows. */
    private boolean fill() throws IOException {
        if (position < length) {
            return true;
        }
        try {
            if (!recaps.hasNext()) {
                return false;
            }
            length = 0;
            position = 0;
            ImportedRecap row = recaps.next();
            nextId = row.userId();
            appendRow(row.userId(), row.recap());
        } catch (RuntimeException e) {
            failure = e;
            throw new IOException("producing the row after user " + nextId + " failed: " + e.getMessage(), e);
        }
        rows++;
        return true;
    }

    private void appendRow(long id, UserRecap recap) {
        whole(id).tab();
        text(recap.userName()).tab();
        whole(recap.trxCount()).tab();
        number(recap.variantCount()).tab();
        number(recap.totalPoint()).tab();
        text(recap.totalPointDescription()).tab();
        number(recap.totalPointPossibleRedeem()).tab();
        text(recap.totalPointProductName()).tab();
        text(recap.totalPointImage()).tab();
        number(recap.deliveryCount()).tab();
        number(recap.pickupCount()).tab();
        text(recap.cheaperSubsDesc()).tab();
        decimal(recap.cheaperSubsAmount()).tab();
        number(recap.topRanking()).tab();
        list(recap.listCircularImages()).tab();
        list(recap.listProductFavorite()).tab();
        list(recap.listFavoriteStore()).room(1);
        buffer[length++] = '\n';
    }

    private TsvRecapStream tab() {
        room(1);
        buffer[length++] = '\t';
        return this;
    }

    /** Makes room for {@code bytes} more bytes in the row buffer. */
    private TsvRecapStream room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
        return this;
    }

    /** Appends text known to be ASCII (digits, signs, points, {@code \N}). */
    private TsvRecapStream ascii(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buffer[length + i] = (byte) text.charAt(i);
        }
        length += n;
        return this;
    }

    private TsvRecapStream whole(long value) {
        if (value >= 0 && value < 10) {
            room(1);
            buffer[length++] = (byte) ('0' + value);
            return this;
        }
        return ascii(Long.toString(value));
    }

    private TsvRecapStream list(JsonArrayText value) {
        return text(value == null ? null : value.json());
    }

    private TsvRecapStream number(Number value) {
        return value == null ? ascii("\\N") : whole(value.longValue());
    }

    private TsvRecapStream decimal(BigDecimal value) {
        return value == null ? ascii("\\N") : ascii(value.toPlainString());
    }

    /**
     * Appends text as UTF-8 with MySQL's LOAD DATA escapes for backslash, tab, newline, carriage return
     * and NUL (all ASCII, so they are escaped byte by byte: no byte of a multi-byte UTF-8 sequence is ASCII).
     */
    private TsvRecapStream text(String value) {
        if (value == null) {
            return ascii("\\N");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int plain = 0;
        while (plain < bytes.length && (bytes[plain] < 0 || (bytes[plain] > '\r' && bytes[plain] != '\\'))) {
            plain++;
        }
        room(plain + (bytes.length - plain) * 2);
        System.arraycopy(bytes, 0, buffer, length, plain);
        byte[] target = buffer;
        int at = length + plain;
        for (int i = plain; i < bytes.length; i++) {
            byte b = bytes[i];
            switch (b) {
                case '\\' -> {
                    target[at++] = '\\';
                    target[at++] = '\\';
                }
                case '\t' -> {
                    target[at++] = '\\';
                    target[at++] = 't';
                }
                case '\n' -> {
                    target[at++] = '\\';
                    target[at++] = 'n';
                }
                case '\r' -> {
                    target[at++] = '\\';
                    target[at++] = 'r';
                }
                case 0 -> {
                    target[at++] = '\\';
                    target[at++] = '0';
                }
                default -> target[at++] = b;
            }
        }
        length = at;
        return this;
    }

    @Override
    public String toString() {
        return "TsvRecapStream[last=" + nextId + ", rows=" + rows + "]";
    }
}
