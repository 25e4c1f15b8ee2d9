package com.forecap.adapter.out.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.out.StoreTestDataPort;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.RecapField;
import com.forecap.domain.recap.UserRecap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes users as an import file in the format its name says ({@code .csv}, {@code .tsv}, either
 * {@code .gz}, {@code .jsonl}, {@code .xlsx}), with the schema's column names: the synthetic data set as
 * the warehouse would export it, for tests and measurements. Chunks must come in order (one thread).
 */
public final class RecapFileWriter implements StoreTestDataPort, AutoCloseable {

    /** The columns, as the schema names them. */
    public static final List<String> COLUMNS = RecapField.columns();

    private final Path file;
    private final String kind;
    private CSVPrinter csv;
    private JsonGenerator json;
    private Writer jsonWriter;
    private OutputStream xlsxOut;
    private Workbook workbook;
    private Worksheet sheet;
    private int sheetRow;

    /**
     * Opens the file for writing.
     *
     * @param file the file; replaced when it exists
     */
    public RecapFileWriter(Path file) {
        this.file = file;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        try {
            OutputStream out = Files.newOutputStream(file);
            OutputStream body = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            if (plain.endsWith(".csv") || plain.endsWith(".tsv")) {
                kind = "csv";
                Writer writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16);
                csv = CSVFormat.RFC4180.builder().setDelimiter(plain.endsWith(".tsv") ? '\t' : ',')
                        .setRecordSeparator('\n').get().print(writer);
                csv.printRecord(COLUMNS);
            } else if (plain.endsWith(".jsonl") || plain.endsWith(".ndjson")) {
                kind = "jsonl";
                jsonWriter = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16);
                json = new JsonFactory().createGenerator(jsonWriter);
                json.setRootValueSeparator(null);
            } else if (plain.endsWith(".xlsx") && !gzip) {
                kind = "xlsx";
                xlsxOut = body;
                workbook = new Workbook(body, "forecap", "1.0");
                sheet = workbook.newWorksheet("recaps");
                for (int c = 0; c < COLUMNS.size(); c++) {
                    sheet.value(0, c, COLUMNS.get(c));
                }
                sheetRow = 1;
            } else {
                body.close();
                throw new IllegalArgumentException("write .csv, .tsv, .csv.gz, .tsv.gz, .jsonl or .xlsx, not " + file);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cells of a user as written to a file.
     *
     * @param id    the user's id
     * @param recap the recap
     * @return the cells in {@link #COLUMNS} order, {@code null} for no value
     */
    public static List<Object> cells(long id, UserRecap recap) {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(id);
        cells.add(recap.userName());
        cells.add(recap.trxCount());
        cells.add(recap.variantCount());
        cells.add(recap.totalPoint());
        cells.add(recap.totalPointDescription());
        cells.add(recap.totalPointPossibleRedeem());
        cells.add(recap.totalPointProductName());
        cells.add(recap.totalPointImage());
        cells.add(recap.deliveryCount());
        cells.add(recap.pickupCount());
        cells.add(recap.cheaperSubsDesc());
        cells.add(recap.cheaperSubsAmount());
        cells.add(recap.topRanking());
        cells.add(list(recap.listCircularImages()));
        cells.add(list(recap.listProductFavorite()));
        cells.add(list(recap.listFavoriteStore()));
        return cells;
    }

    private static String list(JsonArrayText list) {
        return list == null ? null : list.json();
    }

    @Override
    public Map<Long, Long> countPerChunk(IdRange range, long chunkSize) {
        return Map.of();
    }

    @Override
    public synchronized void write(IdRange range, Iterator<UserRecap> recaps) {
        long id = range.first();
        try {
            while (recaps.hasNext()) {
                writeRow(cells(id++, recaps.next()));
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one row of cells, in {@link #COLUMNS} order ({@code null} for an empty cell).
     *
     * @param cells the cells
     * @throws IOException when writing fails
     */
    public synchronized void writeRow(List<?> cells) throws IOException {
        switch (kind) {
            case "csv" -> {
                for (Object cell : cells) {
                    csv.print(cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString());
                }
                csv.println();
            }
            case "jsonl" -> {
                json.writeStartObject();
                for (int c = 0; c < cells.size(); c++) {
                    Object cell = cells.get(c);
                    if (cell == null) {
                        continue;
                    }
                    json.writeFieldName(COLUMNS.get(c));
                    if (cell instanceof Long l) {
                        json.writeNumber(l);
                    } else if (cell instanceof BigDecimal d) {
                        json.writeNumber(d);
                    } else if (c >= 14 && isJson(cell.toString())) {
                        json.writeRawValue(cell.toString());
                    } else {
                        json.writeString(cell.toString());
                    }
                }
                json.writeEndObject();
                json.flush();
                jsonWriter.write('\n');
            }
            default -> {
                for (int c = 0; c < cells.size(); c++) {
                    Object cell = cells.get(c);
                    if (cell instanceof Long l) {
                        sheet.value(sheetRow, c, l);
                    } else if (cell instanceof BigDecimal d) {
                        sheet.value(sheetRow, c, d);
                    } else if (cell != null) {
                        sheet.value(sheetRow, c, cell.toString());
                    }
                }
                sheetRow++;
                if (sheetRow % 10_000 == 0) {
                    sheet.flush();
                }
            }
        }
    }

    private static boolean isJson(String text) {
        try (com.fasterxml.jackson.core.JsonParser parser = new JsonFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void truncate() {
        // a new file is empty
    }

    @Override
    public synchronized void close() {
        try {
            switch (kind) {
                case "csv" -> csv.close(true);
                case "jsonl" -> {
                    json.close();
                    jsonWriter.close();
                }
                default -> {
                    workbook.finish();
                    xlsxOut.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
