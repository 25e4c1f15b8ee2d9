package com.forecap.application.importing.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

import com.forecap.application.importing.port.in.ImportFileException;
import com.forecap.application.importing.port.in.ImportRecapsUseCase;
import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRow;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;
import com.forecap.application.importing.port.out.ReadImportRowsPort;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort.ImportedRecap;
import com.forecap.application.importing.port.out.StoreImportedRecapsPort;
import com.forecap.application.importing.port.out.WriteRejectsPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.shared.port.out.ReportProgressPort;

/**
 * Imports an export file: every row is checked ({@link ImportRowValidator}); bad rows go to the rejects
 * file, good rows are stored chunk by chunk, each chunk replacing users with the same ids in one atomic
 * step that also records how far the file was done. A run after an interruption reads the file again,
 * checks every row (so the rejects file and the summary are complete) but stores only the rows after
 * the last committed chunk. Chunks are stored in file order, so when an id appears twice the later row
 * wins.
 */
public final class ImportRecapsService implements ImportRecapsUseCase {

    /** Rows of the file per atomic chunk. */
    public static final int DEFAULT_CHUNK_ROWS = 50_000;
    private static final int PROGRESS_STEP = 1_000;

    private final ReadImportRowsPort files;
    private final StoreImportedRecapsPort store;
    private final WriteRejectsPort rejects;
    private final EvictCachedRecapsPort cache;
    private final ImportRowValidator validator;
    private final ReportProgressPort progress;
    private final int chunkRows;

    /**
     * Creates the service.
     *
     * @param files     reads the file
     * @param store     where users go ({@link StoreImportedRecapsPort#NONE} for dry runs)
     * @param rejects   where rejected rows go
     * @param cache     the cache to invalidate ({@link EvictCachedRecapsPort#NONE} when there is none)
     * @param json      checks the list columns
     * @param progress  where progress is shown
     * @param chunkRows file rows per atomic chunk
     */
    public ImportRecapsService(ReadImportRowsPort files, StoreImportedRecapsPort store, WriteRejectsPort rejects,
                               EvictCachedRecapsPort cache, RecapJsonPort json, ReportProgressPort progress, int chunkRows) {
        this.files = Objects.requireNonNull(files, "files");
        this.store = Objects.requireNonNull(store, "store");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.validator = new ImportRowValidator(json);
        this.progress = Objects.requireNonNull(progress, "progress");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunk rows must be at least 1");
        }
        this.chunkRows = chunkRows;
    }

    @Override
    public ImportReport importFile(ImportCommand command) {
        try {
            return run(command);
        } catch (UnreadableFileException e) {
            throw new ImportFileException(e.getMessage(), e);
        }
    }

    private ImportReport run(ImportCommand command) {
        long began = System.nanoTime();
        if (!command.dryRun() && store == StoreImportedRecapsPort.NONE) {
            throw new IllegalStateException("no store to import into");
        }
        if (command.invalidateCache() && !command.dryRun() && cache == EvictCachedRecapsPort.NONE) {
            throw new IllegalStateException("no cache to invalidate");
        }
        try (ImportRows rows = files.open(command.file(), command.sheet())) {
            Map<String, String> mapping;
            List<String> unknown = ImportColumns.unknown(rows.header());
            try {
                mapping = ImportColumns.map(rows.header());
            } catch (IllegalArgumentException e) {
                throw new ImportFileException(command.file() + ": " + e.getMessage(), e);
            }
            if (!rows.header().isEmpty()) {
                checkHeader(command, mapping, unknown);
            }
            String key = key(rows.identity());
            String source = command.file().toAbsolutePath().toString();
            long resumeAfter = command.dryRun() ? 0 : store.committedRows(key, source);
            Run run = new Run(command, rows, mapping, resumeAfter);
            String task = (command.dryRun() ? "checking " : "importing ") + command.file().getFileName();
            progress.started(task, -1, 0);
            try (WriteRejectsPort.Rejects rejected = rejects.open(command.rejects(), rows.positionName())) {
                run.rejected = rejected;
                run.execute();
            } finally {
                progress.finished();
            }
            if (!command.dryRun()) {
                store.finished(key);
            }
            return new ImportReport(rows.format(), run.read, run.loaded, run.valid, run.rejectedRows, run.resumed,
                    run.duplicates, run.evicted, rows.header().isEmpty() ? run.ignoredKeys() : unknown,
                    Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private static void checkHeader(ImportCommand command, Map<String, String> mapping, List<String> unknown) {
        if (!unknown.isEmpty() && !command.ignoreUnknownColumns()) {
            throw new ImportFileException(command.file() + ": unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
                    + " (expected the schema's names such as user_id, user_name, trx_count, or camelCase such as "
                    + "userName, listProductFavorite); use --ignore-unknown-columns to skip them", null);
        }
        for (String required : List.of("user_id", "user_name")) {
            if (!mapping.containsValue(required)) {
                throw new ImportFileException(command.file() + ": no " + required + " column in the header row", null);
            }
        }
    }

    private static String key(String identity) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One import's state. */
    private final class Run {
        private final ImportCommand command;
        private final ImportRows rows;
        private final long resumeAfter;
        /** The current row's cells in the order of {@link ImportColumns#ALL}; {@code null} where not given. */
        private final String[] cells = new String[ImportColumns.ALL.size()];
        /** Position in {@link ImportColumns#ALL} by header name. */
        private final Map<String, Integer> indexes = new HashMap<>();
        private final IdSet seen = new IdSet();
        private final java.util.Set<String> ignored = new java.util.TreeSet<>();
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

        Run(ImportCommand command, ImportRows rows, Map<String, String> mapping, long resumeAfter) {
            this.command = command;
            this.rows = rows;
            this.resumeAfter = resumeAfter;
            mapping.forEach((name, column) -> indexes.put(name, ImportColumns.ALL.indexOf(column)));
        }

        List<String> ignoredKeys() {
            return List.copyOf(ignored);
        }

        void execute() {
            String key = ImportRecapsService.key(rows.identity());
            String source = command.file().toAbsolutePath().toString();
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
            java.util.Arrays.fill(cells, null);
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
                    ids = java.util.Arrays.copyOf(ids, ids.length * 2);
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

    /**
     * The ids seen so far, as a bitmap in pages of 65,536 ids allocated on demand: 8 KB a page, so a
     * dense range of 10M ids takes 1.3 MB. Past {@value #MAX_PAGES} pages (very sparse ids) it stops
     * recording, to keep memory bounded; ids after that are not counted as duplicates.
     */
    static final class IdSet {
        private static final int MAX_PAGES = 8_192;
        private final long[][] pages = new long[65_536][];
        private int allocated;

        /** Adds an id (0..2^32-1); false when it was there. */
        boolean add(long id) {
            int page = (int) (id >>> 16);
            long[] bits = pages[page];
            if (bits == null) {
                if (allocated == MAX_PAGES) {
                    return true;
                }
                bits = new long[1_024];
                pages[page] = bits;
                allocated++;
            }
            int bit = (int) (id & 0xFFFF);
            long mask = 1L << (bit & 63);
            if ((bits[bit >>> 6] & mask) != 0) {
                return false;
            }
            bits[bit >>> 6] |= mask;
            return true;
        }
    }
}
