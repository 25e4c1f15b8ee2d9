package com.forecap.application.importing.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import com.forecap.application.importing.port.in.ImportRecapsUseCase.ImportCommand;
import com.forecap.application.importing.port.in.ImportRecapsUseCase.ImportReport;
import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.importing.port.out.ReadImportRowsPort;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.application.importing.port.out.WriteRejectsPort;
import com.forecap.application.shared.port.out.ReportProgressPort;

/** One import's state: the rows read, checked, counted and handed to the store chunk by chunk. */
final class ImportRun {

    private static final int PROGRESS_STEP = 1_000;

    /**
     * Where an import's results go.
     *
     * @param store     where valid rows go
     * @param cache     the cache to invalidate
     * @param validator checks a row's cells
     * @param progress  where progress is shown
     */
    record Sinks(StoreImportedRecapsPort store, EvictCachedRecapsPort cache, ImportRowValidator validator,
                 ReportProgressPort progress) {
    }

    private final StoreImportedRecapsPort store;
    private final EvictCachedRecapsPort cache;
    private final ImportRowValidator validator;
    private final ReportProgressPort progress;
    private final int chunkRows;
    private final ImportCommand command;
    private final ImportRows rows;
    private final String key;
    private final String source;
    private final long resumeAfter;
    /** The current row's cells in the order of {@link ImportColumns#ALL}; {@code null} where not given. */
    private final String[] cells = new String[ImportColumns.ALL.size()];
    /** Position in {@link ImportColumns#ALL} by header name. */
    private final Map<String, Integer> indexes = new HashMap<>();
    private final IdSet seen = new IdSet();
    private final Set<String> ignored = new TreeSet<>();
    private WriteRejectsPort.Rejects rejected;
    private long read;
    private long loaded;
    private long valid;
    private long rejectedRows;
    private long resumed;
    private long duplicates;
    private long evicted;
    private int sinceReport;
    private long estimate;
    private long[] ids = new long[1024];
    private int idCount;

    /**
     * Where the import of this file stands in the store.
     *
     * @param key         the file's import key
     * @param source      the file's absolute path
     * @param resumeAfter file rows already committed by an earlier run
     */
    record Resume(String key, String source, long resumeAfter) {
    }

    ImportRun(ImportCommand command, ImportRows rows, Map<String, String> mapping, Resume done, Sinks sinks,
              int chunkRows) {
        this.store = sinks.store();
        this.cache = sinks.cache();
        this.validator = sinks.validator();
        this.progress = sinks.progress();
        this.chunkRows = chunkRows;
        this.command = command;
        this.rows = rows;
        this.key = done.key();
        this.source = done.source();
        this.resumeAfter = done.resumeAfter();
        mapping.forEach((name, column) -> indexes.put(name, ImportColumns.ALL.indexOf(column)));
    }

    List<String> ignoredKeys() {
        return List.copyOf(ignored);
    }

    /** The summary of the run, with the columns it ignored. */
    ImportReport report(List<String> ignoredColumns, Duration elapsed) {
        return new ImportReport(rows.format(), read, loaded, valid, rejectedRows, resumed, duplicates, evicted,
                ignoredColumns, elapsed);
    }

    /** Reads the rows to the end, rejecting into {@code rejected} and storing chunk by chunk. */
    void execute(WriteRejectsPort.Rejects rejected) {
        this.rejected = rejected;
        while (rows.hasNext()) {
            idCount = 0;
            long chunkEnd = read + chunkRows;
            Iterator<ImportedRecap> chunk = chunk(chunkEnd);
            if (command.dryRun() || chunkEnd <= resumeAfter) {
                while (chunk.hasNext()) {
                    chunk.next();
                }
                if (!command.dryRun() && command.invalidateCache()) {
                    evict();
                }
                continue;
            }
            loaded += store.replace(key, source, chunk, () -> read);
            if (command.invalidateCache()) {
                evict();
            }
        }
        progress.advanced(sinceReport);
        sinceReport = 0;
    }

    private void evict() {
        if (idCount > 0) {
            evicted += cache.evict(ids, idCount);
        }
    }

    /** The valid rows of the file's next rows up to {@code chunkEnd}, rows already committed skipped. */
    private Iterator<ImportedRecap> chunk(long chunkEnd) {
        return new Iterator<>() {
            private ImportedRecap next;

            @Override
            public boolean hasNext() {
                while (next == null && read < chunkEnd && rows.hasNext()) {
                    next = read(rows.next());
                }
                return next != null;
            }

            @Override
            public ImportedRecap next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ImportedRecap result = next;
                next = null;
                return result;
            }
        };
    }

    /** Checks one row; the recap when it is valid and not committed yet, else {@code null}. */
    private ImportedRecap read(ImportRow row) {
        long index = ++read;
        if (++sinceReport == PROGRESS_STEP) {
            progress.advanced(sinceReport);
            sinceReport = 0;
            double fraction = rows.fractionRead();
            if (fraction > 0 && index % (PROGRESS_STEP * 10L) == 0) {
                long total = Math.max(index, Math.round(index / Math.min(1.0, fraction)));
                if (Math.abs(total - estimate) > estimate / 100) {
                    estimate = total;
                    progress.totalChanged(total);
                }
            }
        }
        Arrays.fill(cells, null);
        if (row instanceof ReadImportRowsPort.Broken broken) {
            rejected.reject(broken.position(), idOf(broken.readable()), "", broken.reason());
            rejectedRows++;
            return null;
        }
        ReadImportRowsPort.Cells given = (ReadImportRowsPort.Cells) row;
        String rawId = "";
        for (Map.Entry<String, String> cell : given.values().entrySet()) {
            Integer at = indexes.get(cell.getKey());
            if (at == null && rows.header().isEmpty()) {
                String column = ImportColumns.canonical(cell.getKey());
                if (column == null) {
                    if (!command.ignoreUnknownColumns()) {
                        rejected.reject(row.position(), idOf(given.values()), cell.getKey(),
                                "unknown column (use --ignore-unknown-columns to skip it)");
                        rejectedRows++;
                        return null;
                    }
                    ignored.add(cell.getKey());
                    continue;
                }
                at = ImportColumns.ALL.indexOf(column);
                if (cells[at] != null) {
                    rejected.reject(row.position(), idOf(given.values()), cell.getKey(), "given twice, as " + column);
                    rejectedRows++;
                    return null;
                }
            }
            if (at != null) {
                cells[at] = cell.getValue() == null ? "" : cell.getValue();
                if (at == 0) {
                    rawId = cell.getValue();
                }
            }
        }
        ImportRowValidator.Outcome outcome = validator.validate(cells);
        if (outcome.recap() == null) {
            for (ImportRowValidator.Problem problem : outcome.problems()) {
                rejected.reject(row.position(), rawId == null ? "" : rawId.strip(), problem.column(), problem.reason());
            }
            rejectedRows++;
            return null;
        }
        valid++;
        long id = outcome.recap().userId();
        if (!seen.add(id)) {
            duplicates++;
        }
        if (command.invalidateCache()) {
            if (idCount == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[idCount++] = id;
        }
        if (index <= resumeAfter) {
            resumed++;
            return null;
        }
        return outcome.recap();
    }

    private String idOf(Map<String, String> cells) {
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if ("user_id".equals(ImportColumns.canonical(cell.getKey()))) {
                return cell.getValue() == null ? "" : cell.getValue().strip();
            }
        }
        return "";
    }
}
