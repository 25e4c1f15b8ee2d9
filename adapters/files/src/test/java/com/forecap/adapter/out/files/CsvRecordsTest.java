package com.forecap.adapter.out.files;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's CSV reader gives what Commons CSV's RFC 4180 format gives (cells, the line each record
 * starts on, and whether the text is refused) on random and adversarial texts: quotes where they belong
 * and where they do not, doubled quotes, line breaks of every kind inside and outside quotes, empty cells
 * and lines, byte order marks, tabs, emoji. The text reaches it in pieces of random sizes and its buffer
 * starts tiny, so every cell boundary meets a buffer boundary somewhere.
 */
class CsvRecordsTest {

    private static final String[] PIECES = {"a", "b", "12", "\u00e9", "\uD83D\uDE00", ",", ",", "\t", "\"", "\"\"", "\r", "\n",
        "\r\n", " ", "\uFEFF", "x\"y", "\"[\"\"/a.png\"\"]\"", "\u000B", "\u0000", "\\"};

    /** One record as a reader gives it: where it starts, and its cells. */
    private record Parsed(long line, List<String> cells) {
    }

    private static List<Parsed> commons(String text, char delimiter) throws IOException {
        List<Parsed> all = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setTrim(false).get().parse(new StringReader(text))) {
            long nextLine = 1;
            for (CSVRecord record : parser) {
                all.add(new Parsed(nextLine, record.toList()));
                nextLine = parser.getCurrentLineNumber() + 1;
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IOException(e);
        }
        return all;
    }

    private static List<Parsed> ours(String text, char delimiter, Random random, int bufferSize) throws IOException {
        CsvRecords records = new CsvRecords(new Pieces(text, random), delimiter, bufferSize);
        List<Parsed> all = new ArrayList<>();
        while (records.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                cells.add(records.get(i));
            }
            all.add(new Parsed(records.line(), cells));
        }
        return all;
    }

    /** Hands out a text a few characters at a time. */
    private static final class Pieces extends Reader {
        private final String text;
        private final Random random;
        private int at;

        Pieces(String text, Random random) {
            this.text = text;
            this.random = random;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (at >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(7)), text.length() - at);
            text.getChars(at, at + n, target, offset);
            at += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static void assertSameAsCommons(String text, char delimiter, Random random, int bufferSize) {
        List<Parsed> expected;
        try {
            expected = commons(text, delimiter);
        } catch (IOException refused) {
            assertThatThrownBy(() -> ours(text, delimiter, random, bufferSize)).as("refused by Commons CSV: %s", escape(text))
                    .isInstanceOf(IOException.class);
            return;
        }
        try {
            assertThat(ours(text, delimiter, random, bufferSize)).as(escape(text)).isEqualTo(expected);
        } catch (IOException e) {
            throw new AssertionError("refused " + escape(text) + " that Commons CSV reads as " + expected, e);
        }
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void random_texts_read_as_commons_csv_reads_them() {
        Random random = new Random(20261129);
        for (int round = 0; round < 30_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(30);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameAsCommons(text.toString(), random.nextBoolean() ? ',' : '\t', random, 1 + random.nextInt(8));
        }
    }

    @Test
    void written_rows_read_back_as_written_whatever_they_hold() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            char delimiter = random.nextBoolean() ? ',' : '\t';
            List<List<String>> rows = new ArrayList<>();
            StringWriter out = new StringWriter();
            try (CSVPrinter printer = CSVFormat.RFC4180.builder().setDelimiter(delimiter)
                    .setRecordSeparator(random.nextBoolean() ? "\r\n" : "\n").get().print(out)) {
                for (int r = 1 + random.nextInt(4); r > 0; r--) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1 + random.nextInt(5); c > 0; c--) {
                        StringBuilder cell = new StringBuilder();
                        for (int k = random.nextInt(6); k > 0; k--) {
                            cell.append(PIECES[random.nextInt(PIECES.length)]);
                        }
                        row.add(cell.toString());
                    }
                    if (row.size() == 1 && row.get(0).isEmpty()) {
                        row.set(0, "x");
                    }
                    rows.add(row);
                    printer.printRecord(row);
                }
            }
            String text = out.toString();
            assertSameAsCommons(text, delimiter, random, 1 + random.nextInt(8));
            assertThat(ours(text, delimiter, random, 16)).extracting(Parsed::cells).as(escape(text)).isEqualTo(rows);
        }
    }

    @Test
    void edge_cases_by_name() throws IOException {
        Random random = new Random(1);
        for (String text : List.of("", "\n", "\r", "\r\n", "a", "a,", ",", "a\n", "a\r\nb", "a\rb\r", "\"a\"", "\"a\" ,b",
                "\"a\"x", "\"a", "\"a\"\"", "a\"b\",c", "\"\"", "\"\"\"\"", "\"a\r\nb\"\nc", "\"\r\"\n\"\n\"", " \"a\"",
                "\"a\"\u000B\n", "a,\"b\nc\",\n\nd")) {
            assertSameAsCommons(text, ',', random, 1);
            assertSameAsCommons(text, ',', random, 64);
            assertSameAsCommons(text.replace(',', '\t'), '\t', random, 3);
        }
        assertThat(ours("1,\"Budi \"\"Kopi\"\"\",\"x\ny\"\r\n\r\n2,b\n", ',', random, 4)).containsExactly(
                new Parsed(1, List.of("1", "Budi \"Kopi\"", "x\ny")), new Parsed(3, List.of("")), new Parsed(4, List.of("2", "b")));
    }

    @Test
    void a_long_cell_grows_the_buffer_and_a_quote_never_closed_is_an_error() throws IOException {
        String longCell = "x".repeat(300_000);
        assertThat(ours("\"" + longCell + "\"," + longCell + "\n", ',', new Random(2), 8))
                .containsExactly(new Parsed(1, List.of(longCell, longCell)));
        assertThatThrownBy(() -> ours("a,\"b\nc\nd", ',', new Random(3), 8)).isInstanceOf(IOException.class)
                .hasMessageContaining("quoted cell that starts on line 1");
    }
}
