package com.forecap.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.forecap.adapter.out.files.RecapFileWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The example import file ({@code perf-tests/examples/recaps-edge-cases.csv}) and the same rows in the
 * other formats, written by the tests themselves: TSV, gzip, JSON Lines and XLSX (numbers as numeric
 * cells, as an Excel export has them).
 */
final class ImportFiles {

    /** The example CSV: UTF-8 with a byte order mark, camelCase header, quotes, emoji, a multi-line cell, bad rows. */
    static final Path EXAMPLE = Path.of("..", "perf-tests", "examples", "recaps-edge-cases.csv");
    private static final int FIRST_TEXT_COLUMN_AFTER_NUMBERS = 14;

    private ImportFiles() {
    }

    /**
     * The example's rows (header excluded).
     *
     * @return the cells of each row
     */
    static List<List<String>> exampleRows() throws IOException {
        try (Reader reader = Files.newBufferedReader(EXAMPLE, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            List<List<String>> rows = new ArrayList<>();
            boolean header = true;
            for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(record.toList());
            }
            return rows;
        }
    }

    /**
     * Writes the example's rows to a file in the format its name says (snake_case header).
     *
     * @param target the file
     * @return the file
     */
    static Path example(Path target) throws IOException {
        if (target.getFileName().toString().endsWith(".csv")) {
            Files.copy(EXAMPLE, target);
            return target;
        }
        try (RecapFileWriter writer = new RecapFileWriter(target)) {
            for (List<String> row : exampleRows()) {
                List<Object> cells = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                    cells.add(cell(c, row.get(c)));
                }
                writer.writeRow(cells);
            }
        }
        return target;
    }

    private static Object cell(int column, String text) {
        if (text.isEmpty()) {
            return null;
        }
        boolean numeric = column != 1 && column != 5 && column != 7 && column != 8 && column != 11
                && column < FIRST_TEXT_COLUMN_AFTER_NUMBERS;
        if (numeric) {
            if (text.matches("-?\\d{1,18}")) {
                return Long.parseLong(text);
            }
            if (text.matches("-?\\d+\\.\\d+")) {
                return new BigDecimal(text);
            }
        }
        return text;
    }

    /**
     * Gzips a file.
     *
     * @param source the file
     * @param target the gzip file
     * @return the target
     */
    static Path gzip(Path source, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(source); OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            in.transferTo(out);
        }
        return target;
    }
}
