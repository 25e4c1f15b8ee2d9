package com.forecap.adapter.out.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import com.forecap.application.importing.port.out.ReadImportRowsPort.Broken;
import com.forecap.application.importing.port.out.ReadImportRowsPort.Cells;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.user.UserId;

/**
 * Measures the import's CSV reading with {@link CsvRecords} against the same reading with FastCSV
 * ({@link FastCsvRecords}): a file of synthetic recaps read to the rows the import reader hands on (a
 * {@code Cells} or {@code Broken} row over {@link HeaderCells}, whose cells the import then walks once),
 * through the same UTF-8 decoding and byte order mark check, in one JVM, the two taking turns for several
 * rounds. Every round is printed, as rows per second by the clock and per second of the reading thread's
 * CPU time; nothing is asserted about time. The two must agree on every row (count, positions and a
 * checksum of the cells), else it stops.
 *
 * <p>Run with the module's test classpath (see perf-tests/results/2026-12-05-csv-reader.md):
 * {@code java -cp ... com.forecap.adapter.out.files.CsvReadBenchmark FILE [ROWS] [ROUNDS]}. The file is
 * written first when it does not exist: {@code ROWS} users of the synthetic data set in the 17 columns of
 * the recap, one in 20 with a name holding a comma, quotes and a line break, one in 50 with a description
 * over two lines ending in CRLF. With the system property {@code relaxed=true} FastCSV's relaxed parser is
 * measured instead of its default one.
 */
public final class CsvReadBenchmark {

    /** Whether FastCSV's relaxed parser ({@code trimWhitespacesAroundQuotes}) is measured instead of its default one. */
    private static final boolean RELAXED = Boolean.getBoolean("relaxed");

    /** What the first pass read, which every later pass must read too. */
    private static Result expected;

    private CsvReadBenchmark() {
    }

    /** What one pass read: to check that the two readers agree. */
    private record Result(long rows, long broken, long lastPosition, long checksum) {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/forecap-csv-bench/recaps.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        if (!Files.exists(file)) {
            write(file, rows);
        }
        System.out.printf(Locale.ROOT, "file %s: %,d bytes; java %s; FastCSV's %s parser; %d rounds after one warm-up%n", file,
                Files.size(file), Runtime.version(), RELAXED ? "relaxed" : "default", rounds);
        System.out.println("round | first | CsvRecords rows/s | FastCSV rows/s | FastCSV / CsvRecords"
                + " | CsvRecords rows/CPU-s | FastCSV rows/CPU-s | FastCSV / CsvRecords (CPU)");
        for (int round = 0; round <= rounds; round++) {
            boolean oursFirst = round % 2 == 0;
            Rate ours;
            Rate fast;
            if (oursFirst) {
                ours = timed(file, false);
                fast = timed(file, true);
            } else {
                fast = timed(file, true);
                ours = timed(file, false);
            }
            System.out.printf(Locale.ROOT, "%s | %s | %,.0f | %,.0f | %.3f | %,.0f | %,.0f | %.3f%n",
                    round == 0 ? "warm-up" : Integer.toString(round), oursFirst ? "CsvRecords" : "FastCSV",
                    ours.wall(), fast.wall(), fast.wall() / ours.wall(), ours.cpu(), fast.cpu(), fast.cpu() / ours.cpu());
            if (round == 0) {
                long start = System.nanoTime();
                Result production = readImportFileReader(file);
                double rate = production.rows() / ((System.nanoTime() - start) / 1e9);
                if (!production.equals(expected)) {
                    throw new IllegalStateException("ImportFileReader read " + production + ", the benchmark " + expected);
                }
                System.out.printf(Locale.ROOT, "(ImportFileReader.open, the import's own path with CsvRecords, same rows: %,.0f rows/s)%n",
                        rate);
            }
        }
        System.out.printf(Locale.ROOT, "%,d rows, %,d broken, last at line %,d%n", expected.rows(), expected.broken(),
                expected.lastPosition());
    }

    /** The import's own reader, to check that the passes above read what it reads. */
    private static Result readImportFileReader(Path file) {
        Sink sink = new Sink();
        try (ImportRows rows = new ImportFileReader().open(file, null)) {
            rows.forEachRemaining(sink::take);
        }
        return sink.result();
    }

    /** Rows per second of a pass: by the clock, and by the reading thread's CPU time (less moved by other processes). */
    private record Rate(double wall, double cpu) {
    }

    /** One pass over the file. */
    private static Rate timed(Path file, boolean fastCsv) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Result result = fastCsv ? readFastCsv(file) : readCsvRecords(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (expected == null) {
            expected = result;
        } else if (!expected.equals(result)) {
            throw new IllegalStateException((fastCsv ? "FastCSV" : "CsvRecords") + " read " + result + ", before " + expected);
        }
        return new Rate(result.rows() / seconds, result.rows() / cpuSeconds);
    }

    /** The import reader's decoding: UTF-8 that refuses bad bytes, a byte order mark skipped. */
    private static BufferedReader open(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        return reader;
    }

    private static Result readCsvRecords(Path file) throws IOException {
        try (BufferedReader reader = open(file)) {
            CsvRecords records = new CsvRecords(reader, ',');
            records.next();
            List<String> header = header(records.size(), records::get);
            Sink sink = new Sink();
            while (records.next()) {
                if (records.size() == 1 && records.get(0).isEmpty()) {
                    continue;
                }
                int count = records.size();
                String[] cells = new String[count];
                for (int i = 0; i < count; i++) {
                    cells[i] = records.get(i);
                }
                sink.take(HeaderCells.row(records.line(), header, cells, count));
            }
            return sink.result();
        }
    }

    private static Result readFastCsv(Path file) throws IOException {
        try (BufferedReader reader = open(file)) {
            FastCsvRecords records = new FastCsvRecords(reader, ',', RELAXED);
            records.next();
            List<String> header = header(records.size(), records::get);
            Sink sink = new Sink();
            while (records.next()) {
                if (records.size() == 1 && records.get(0).isEmpty()) {
                    continue;
                }
                int count = records.size();
                String[] cells = new String[count];
                for (int i = 0; i < count; i++) {
                    cells[i] = records.get(i);
                }
                sink.take(HeaderCells.row(records.line(), header, cells, count));
            }
            return sink.result();
        }
    }

    private static List<String> header(int size, IntFunction<String> cell) {
        List<String> names = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            names.add(cell.apply(i));
        }
        return List.copyOf(names);
    }

    /** Walks each row's cells once, as the import does, into a checksum. */
    private static final class Sink {
        private long rows;
        private long broken;
        private long lastPosition;
        private long checksum;

        void take(ImportRow row) {
            rows++;
            lastPosition = row.position();
            Map<String, String> values;
            if (row instanceof Cells cells) {
                values = cells.values();
            } else {
                broken++;
                values = ((Broken) row).readable();
            }
            for (Map.Entry<String, String> cell : values.entrySet()) {
                checksum = checksum * 31 + cell.getValue().hashCode() + cell.getKey().length();
            }
        }

        Result result() {
            return new Result(rows, broken, lastPosition, checksum);
        }
    }

    /** Writes the synthetic users as the warehouse's export, some cells made hard to read. */
    private static void write(Path file, int rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SyntheticRecaps recaps = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
        try (RecapFileWriter writer = new RecapFileWriter(file)) {
            for (long id = 1; id <= rows; id++) {
                List<Object> cells = RecapFileWriter.cells(id, recaps.recapOf(UserId.of(id)));
                if (id % 20 == 0) {
                    cells.set(1, cells.get(1) + ", \"Kopi\" lover\nsecond line");
                }
                if (id % 50 == 0) {
                    cells.set(5, "first, line\r\n" + cells.get(5));
                }
                writer.writeRow(cells);
            }
        }
    }
}
