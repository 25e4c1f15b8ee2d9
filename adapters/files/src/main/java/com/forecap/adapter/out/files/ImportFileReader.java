package com.forecap.adapter.out.files;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forecap.application.importing.port.out.ReadImportRowsPort;

/**
 * Opens import files by their name's extension and reads them row by row, never the whole file:
 * <ul>
 *     <li>{@code .csv}, {@code .tsv} (and {@code .gz} of either): a header row, RFC 4180 quoting (also
 *     with tabs), UTF-8 with or without a byte order mark; a cell is its text as written;</li>
 *     <li>{@code .xlsx}: the only sheet or the named one, first row the header; numeric cells as their
 *     exact decimal text, text cells as written ({@link XlsxSheetRows});</li>
 *     <li>{@code .jsonl}, {@code .ndjson} (and {@code .gz}): one JSON object a line; strings and numbers
 *     as their text, arrays and objects (the list columns) as their JSON text, {@code null} as empty.</li>
 * </ul>
 */
public final class ImportFileReader implements ReadImportRowsPort {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Override
    public ImportRows open(Path file, String sheet) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        if (!Files.exists(file)) {
            throw new UnreadableFileException(file + ": no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableFileException(file + ": is a directory, not a file", null);
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableFileException(file + ": cannot be read (permission denied)", null);
        }
        String identity = identity(file, sheet);
        try {
            if (plain.endsWith(".csv")) {
                return new TextRows("CSV", file, gzip, identity, ',');
            }
            if (plain.endsWith(".tsv") || plain.endsWith(".tab")) {
                return new TextRows("TSV", file, gzip, identity, '\t');
            }
            if (plain.endsWith(".jsonl") || plain.endsWith(".ndjson")) {
                return new JsonLines(file, gzip, identity);
            }
            if (plain.endsWith(".xlsx") && !gzip) {
                return new XlsxSheetRows(file, sheet, identity);
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableFileException(file + ": cannot be read (permission denied)", e);
        } catch (ZipException e) {
            throw new UnreadableFileException(file + ": not a valid " + (gzip ? "gzip" : "XLSX") + " file (" + e.getMessage() + ")", e);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new UnreadableFileException(file + ": cannot be read as " + formatOf(plain) + ": " + rootMessage(e), e);
        }
        if (plain.endsWith(".xls")) {
            throw new UnreadableFileException(file + ": the old Excel format (.xls) is not supported; save it as .xlsx or CSV", null);
        }
        throw new UnreadableFileException(file + ": unknown format; expected .csv, .tsv, .csv.gz, .tsv.gz, .xlsx, .jsonl "
                + "or .jsonl.gz", null);
    }

    private static String formatOf(String name) {
        return name.endsWith(".xlsx") ? "XLSX" : name.endsWith(".tsv") ? "TSV" : name.contains(".json") ? "JSON Lines" : "CSV";
    }

    private static String identity(Path file, String sheet) {
        try {
            return file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis()
                    + (sheet == null ? "" : "|sheet=" + sheet);
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Counts the bytes read from the file, for the progress estimate. */
    static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }

    /** Opens a UTF-8 reader over the (maybe gzipped) file that skips a byte order mark and refuses bad UTF-8. */
    private static BufferedReader reader(CountingStream counted, boolean gzip) throws IOException {
        InputStream in = gzip ? new GZIPInputStream(counted, 1 << 16) : counted;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        return reader;
    }

    /** A text file read line by line (CSV, TSV, JSON Lines): its reader and what the progress estimate needs. */
    private abstract static class LineRows implements ImportRows {
        final Path file;
        final BufferedReader reader;
        private final String identity;
        private final long size;
        private final CountingStream counted;

        LineRows(Path file, boolean gzip, String identity) throws IOException {
            this.file = file;
            this.identity = identity;
            this.size = Files.size(file);
            this.counted = new CountingStream(Files.newInputStream(file));
            try {
                this.reader = reader(counted, gzip);
            } catch (IOException e) {
                counted.close();
                throw e;
            }
        }

        @Override
        public String positionName() {
            return "line";
        }

        @Override
        public String identity() {
            return identity;
        }

        @Override
        public double fractionRead() {
            return size == 0 ? 1 : (double) counted.count() / size;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing was written
            }
        }
    }

    /** CSV or TSV with a header row, read by {@link CsvRecords}. */
    private static final class TextRows extends LineRows {
        private final String format;
        private final CsvRecords records;
        private final List<String> header;
        private String[] pending;
        private int pendingCount;
        private long pendingLine;

        TextRows(String format, Path file, boolean gzip, String identity, char delimiter) throws IOException {
            super(file, gzip, identity);
            this.format = format;
            this.records = new CsvRecords(reader, delimiter);
            try {
                if (!records.next()) {
                    throw new UnreadableFileException(file + ": empty file, expected a header row", null);
                }
                List<String> names = new ArrayList<>(records.size());
                for (int i = 0; i < records.size(); i++) {
                    names.add(records.get(i));
                }
                if (names.size() == 1 && names.get(0).contains(delimiter == ',' ? "\t" : ",")) {
                    throw new UnreadableFileException(file + ": the header row has one column; is this a "
                            + (delimiter == ',' ? "TSV" : "CSV") + " file with the wrong extension?", null);
                }
                this.header = List.copyOf(names);
            } catch (IOException | RuntimeException e) {
                super.close();
                throw e;
            }
        }

        @Override
        public String format() {
            return format;
        }

        @Override
        public List<String> header() {
            return header;
        }

        /** Reads ahead past empty lines, keeping the line each record starts on. */
        @Override
        public boolean hasNext() {
            try {
                while (pending == null && records.next()) {
                    if (records.size() == 1 && records.get(0).isEmpty()) {
                        continue;
                    }
                    pendingCount = records.size();
                    pending = new String[pendingCount];
                    for (int i = 0; i < pendingCount; i++) {
                        pending[i] = records.get(i);
                    }
                    pendingLine = records.line();
                }
                return pending != null;
            } catch (IOException | UncheckedIOException e) {
                throw new UnreadableFileException(file + ": cannot be read as " + format + " after line "
                        + (records.currentLine() - 1) + ": " + rootMessage(e), e);
            }
        }

        @Override
        public ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportRow row = HeaderCells.row(pendingLine, header, pending, pendingCount);
            pending = null;
            return row;
        }
    }

    /** JSON Lines: one object a line; blank lines are skipped. */
    private static final class JsonLines extends LineRows {
        private String pending;
        private long line;
        private long pendingLine;

        JsonLines(Path file, boolean gzip, String identity) throws IOException {
            super(file, gzip, identity);
        }

        @Override
        public String format() {
            return "JSON Lines";
        }

        @Override
        public List<String> header() {
            return List.of();
        }

        @Override
        public boolean hasNext() {
            while (pending == null) {
                String text;
                try {
                    text = reader.readLine();
                } catch (IOException e) {
                    throw new UnreadableFileException(file + ": cannot be read after line " + line + ": " + rootMessage(e), e);
                }
                if (text == null) {
                    return false;
                }
                line++;
                if (!text.isBlank()) {
                    pending = text;
                    pendingLine = line;
                }
            }
            return true;
        }

        @Override
        public ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String text = pending;
            pending = null;
            Map<String, String> values = new LinkedHashMap<>(32);
            try (JsonParser parser = JSON.createParser(text)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return new Broken(pendingLine, "not a JSON object");
                }
                JsonNode node = JSON.readTree(parser);
                if (parser.nextToken() != null) {
                    return new Broken(pendingLine, "text after the JSON object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    values.put(field.getKey(), cell(field.getValue()));
                }
            } catch (JsonProcessingException e) {
                return new Broken(pendingLine, "not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Cells(pendingLine, values);
        }

        /** A JSON value as cell text: strings as they are, numbers as written, lists and objects as JSON. */
        private static String cell(JsonNode value) throws JsonProcessingException {
            if (value.isNull() || value.isMissingNode()) {
                return "";
            } else if (value.isTextual()) {
                return value.textValue();
            } else if (value.isBigDecimal()) {
                return value.decimalValue().toPlainString();
            } else if (value.isContainerNode()) {
                return JSON.writeValueAsString(value);
            }
            return value.asText();
        }
    }
}
