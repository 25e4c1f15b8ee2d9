package com.forecap.application.importing.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.forecap.application.fakes.TextRecapJson;
import com.forecap.application.importing.port.in.ImportFileException;
import com.forecap.application.importing.port.in.ImportRecapsUseCase.ImportCommand;
import com.forecap.application.importing.port.in.ImportRecapsUseCase.ImportReport;
import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;
import com.forecap.application.importing.port.out.ReadImportRowsPort;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort;
import com.forecap.application.importing.port.out.WriteRejectsPort.UnwritableRejectsException;
import com.forecap.application.importing.port.out.WriteRejectsPort;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.shared.port.out.StoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service puts each row's cells in schema order whatever their names and order, and rejects what
 * it must before checking: a column given twice under two names (JSON Lines), an unknown key, a reader's
 * own problem; it stores in chunks, resumes after the last committed chunk and tells the cache, all without a
 * database (a store that behaves as the MySQL one does).
 */
class ImportRecapsServiceTest {

    private final List<String> rejects = new ArrayList<>();
    /** The rejects file's disk is full. */
    private boolean rejectsFull;

    /** Runs a dry import of rows given as cell maps, or as the reason a reader gives for a broken row. */
    private ImportReport run(List<String> header, List<?> rows, boolean ignoreUnknown) {
        return run(header, rows, ignoreUnknown, StoreImportedRecapsPort.NONE, EvictCachedRecapsPort.NONE, 2);
    }

    /** Runs an import into a store (a dry run when it is {@link StoreImportedRecapsPort#NONE}). */
    private ImportReport run(List<String> header, List<?> rows, boolean ignoreUnknown, StoreImportedRecapsPort store,
                             EvictCachedRecapsPort cache, int chunkRows) {
        ReadImportRowsPort files = (file, sheet) -> new ReadImportRowsPort.ImportRows() {
            private final Iterator<?> next = rows.iterator();
            private long line = 1;

            @Override
            public String format() {
                return header.isEmpty() ? "JSON Lines" : "CSV";
            }

            @Override
            public List<String> header() {
                return header;
            }

            @Override
            public String positionName() {
                return "line";
            }

            @Override
            public String identity() {
                return "test " + rows.size();
            }

            @Override
            public double fractionRead() {
                return -1;
            }

            @Override
            public void close() {
            }

            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            @SuppressWarnings("unchecked")
            public ImportRow next() {
                Object row = next.next();
                if (row instanceof RuntimeException failure) {
                    throw failure;
                }
                return row instanceof String reason ? new ReadImportRowsPort.Broken(++line, reason)
                        : new ReadImportRowsPort.Cells(++line, (Map<String, String>) row);
            }
        };
        WriteRejectsPort rejectsPort = (file, positionName) -> new WriteRejectsPort.Rejects() {
            @Override
            public void reject(long position, String userId, String column, String reason) {
                if (rejectsFull) {
                    throw new UnwritableRejectsException("cannot write the rejects file " + file + ": No space left on device",
                            null);
                }
                rejects.add(position + "|" + userId + "|" + column + "|" + reason);
            }

            @Override
            public void close() {
            }
        };
        ImportRecapsService service = new ImportRecapsService(files, store, rejectsPort, cache, new TextRecapJson(),
                ReportProgressPort.NONE, chunkRows);
        boolean dryRun = store == StoreImportedRecapsPort.NONE;
        return service.importFile(new ImportCommand(Path.of("in.jsonl"), null, Path.of("in.rejects.csv"), ignoreUnknown,
                dryRun, !dryRun && cache != EvictCachedRecapsPort.NONE));
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void json_lines_rows_map_their_own_keys_and_a_column_given_twice_is_rejected() {
        ImportReport report = run(List.of(), List.of(
                row("userName", "Ana", "user_id", "1", "listFavoriteStore", "[]"),
                row("user_id", "2", "userId", "3", "user_name", "Budi"),
                row("user_id", "4", "user_name", "Cici", "favourite_colour", "red"),
                row("user_id", "5", "user_name", ""),
                "not a JSON object"), false);
        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.valid()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(rejects).containsExactly(
                "3|2|userId|given twice, as user_id",
                "4|4|favourite_colour|unknown column (use --ignore-unknown-columns to skip it)",
                "5|5|user_name|required",
                "6|||not a JSON object");
    }

    @Test
    void unknown_keys_are_skipped_when_allowed_and_header_rows_follow_their_mapping() {
        ImportReport json = run(List.of(), List.of(row("user_id", "4", "user_name", "Cici", "favourite_colour", "red")), true);
        assertThat(json.valid()).isEqualTo(1);
        assertThat(json.ignoredColumns()).containsExactly("favourite_colour");
        rejects.clear();
        ImportReport csv = run(List.of("trxCount", "user_name", "user_id"), List.of(
                row("trxCount", "x", "user_name", "Dodi", "user_id", "7"),
                row("trxCount", "3", "user_name", "Eka", "user_id", "8")), false);
        assertThat(csv.valid()).isEqualTo(1);
        assertThat(rejects).containsExactly("2|7|trx_count|must be a whole number 0..4294967295, was 'x'");
    }

    /**
     * A store as the MySQL one behaves: each chunk in one transaction (all its rows or none), a later row for the
     * same user replaces the earlier, and the rows dealt with are committed with the chunk; it can be told to fail
     * on one chunk, as a killed import would.
     */
    private static final class ChunkStore implements StoreImportedRecapsPort {
        final Map<Long, String> users = new LinkedHashMap<>();
        final Map<String, Long> committed = new HashMap<>();
        final List<Integer> chunkSizes = new ArrayList<>();
        int failOnChunk = -1;

        @Override
        public long committedRows(String importKey, String source) {
            return committed.getOrDefault(importKey, 0L);
        }

        @Override
        public long replace(String importKey, String source, Iterator<ImportedRecap> recaps, LongSupplier rowsDone) {
            Map<Long, String> chunk = new LinkedHashMap<>();
            int size = 0;
            while (recaps.hasNext()) {
                ImportedRecap recap = recaps.next();
                chunk.put(recap.userId(), recap.recap().userName());
                size++;
            }
            if (chunkSizes.size() == failOnChunk) {
                failOnChunk = -1;
                throw new StoreException("connection lost", null);
            }
            chunkSizes.add(size);
            users.putAll(chunk);
            committed.put(importKey, rowsDone.getAsLong());
            return size;
        }

        @Override
        public void finished(String importKey) {
            committed.remove(importKey);
        }
    }

    private static List<Object> users(String... idsAndNames) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            rows.add(row("user_id", idsAndNames[i], "user_name", idsAndNames[i + 1]));
        }
        return rows;
    }

    @Test
    void rows_go_in_chunks_and_a_later_row_for_the_same_user_wins() {
        ChunkStore store = new ChunkStore();
        List<Object> rows = users("1", "Ana", "2", "Budi", "1", "Ana (updated)", "3", "Cici", "4", "Dodi");
        rows.add(2, "not a JSON object");

        ImportReport report = run(List.of(), rows, false, store, EvictCachedRecapsPort.NONE, 2);

        // chunks are of file rows (the broken one counts), so 2 + 2 + 2
        assertThat(store.chunkSizes).containsExactly(2, 1, 2);
        assertThat(store.users).containsExactly(Map.entry(1L, "Ana (updated)"), Map.entry(2L, "Budi"), Map.entry(3L, "Cici"),
                Map.entry(4L, "Dodi"));
        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.valid()).isEqualTo(5);
        assertThat(report.loaded()).isEqualTo(5);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(rejects).containsExactly("4|||not a JSON object");
        assertThat(store.committed).as("a finished import leaves nothing to resume").isEmpty();
    }

    @Test
    void an_import_that_failed_midway_resumes_after_its_last_committed_chunk() {
        ChunkStore store = new ChunkStore();
        store.failOnChunk = 2;
        List<Object> rows = users("1", "A", "2", "B", "3", "C", "4", "D", "5", "E", "6", "F", "7", "G");

        assertThatThrownBy(() -> run(List.of(), rows, false, store, EvictCachedRecapsPort.NONE, 2))
                .isInstanceOf(StoreException.class);
        assertThat(store.users).containsOnlyKeys(1L, 2L, 3L, 4L);
        assertThat(store.committed).containsValue(4L);

        rejects.clear();
        ImportReport again = run(List.of(), rows, false, store, EvictCachedRecapsPort.NONE, 2);

        assertThat(again.resumed()).isEqualTo(4);
        assertThat(again.loaded()).isEqualTo(3);
        assertThat(store.chunkSizes).containsExactly(2, 2, 2, 1);
        assertThat(store.users).containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void the_cache_is_told_every_imported_user_chunk_by_chunk_and_a_dry_run_needs_neither_store_nor_cache() {
        List<List<Long>> evicted = new ArrayList<>();
        EvictCachedRecapsPort cache = (ids, count) -> {
            List<Long> chunk = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chunk.add(ids[i]);
            }
            evicted.add(chunk);
            return count;
        };
        ImportReport report = run(List.of(), users("1", "A", "2", "B", "3", "C"), false, new ChunkStore(), cache, 2);
        assertThat(evicted).containsExactly(List.of(1L, 2L), List.of(3L));
        assertThat(report.evicted()).isEqualTo(3);

        ImportReport dry = run(List.of(), users("1", "A", "2", "B", "3", "C"), false);
        assertThat(dry.valid()).isEqualTo(3);
        assertThat(dry.loaded()).isZero();
        assertThatThrownBy(() -> StoreImportedRecapsPort.NONE.replace("k", "s", List.<ImportedRecap>of().iterator(), () -> 0))
                .isInstanceOf(IllegalStateException.class).hasMessage("no store to import into");
    }

    @Test
    void a_file_the_reader_cannot_read_is_the_use_cases_import_file_exception_at_open_and_midway() {
        ImportRecapsService service = new ImportRecapsService((file, sheet) -> {
            throw new UnreadableFileException(file + ": not in gzip format", null);
        }, StoreImportedRecapsPort.NONE, (file, positionName) -> {
            throw new AssertionError("no rejects file for a file that cannot be opened");
        }, EvictCachedRecapsPort.NONE, new TextRecapJson(), ReportProgressPort.NONE, 2);
        assertThatThrownBy(() -> service.importFile(new ImportCommand(Path.of("in.csv.gz"), null, Path.of("r.csv"), false,
                true, false))).isInstanceOf(ImportFileException.class).hasMessage("in.csv.gz: not in gzip format")
                .hasCauseInstanceOf(UnreadableFileException.class);

        List<Object> rows = users("1", "A", "2", "B", "3", "C");
        rows.add(2, new UnreadableFileException("in.xlsx: sheet row 4 is not valid XML", null));
        assertThatThrownBy(() -> run(List.of(), rows, false)).as("a dry run")
                .isInstanceOf(ImportFileException.class).hasMessage("in.xlsx: sheet row 4 is not valid XML");
        ChunkStore store = new ChunkStore();
        assertThatThrownBy(() -> run(List.of(), rows, false, store, EvictCachedRecapsPort.NONE, 2)).as("into a store")
                .isInstanceOf(ImportFileException.class).hasMessage("in.xlsx: sheet row 4 is not valid XML");
        assertThat(store.users).as("the chunk before the failure is stored").containsOnlyKeys(1L, 2L);
    }

    @Test
    void a_rejects_file_that_cannot_be_written_is_the_use_cases_import_file_exception() {
        rejectsFull = true;
        assertThatThrownBy(() -> run(List.of(), List.of(row("user_id", "1", "user_name", "")), false))
                .isInstanceOf(ImportFileException.class)
                .hasMessage("cannot write the rejects file in.rejects.csv: No space left on device");
    }
}
