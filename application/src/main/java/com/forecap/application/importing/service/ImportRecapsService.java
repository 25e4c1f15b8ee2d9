package com.forecap.application.importing.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.forecap.application.importing.port.in.ImportFileException;
import com.forecap.application.importing.port.in.ImportRecapsUseCase;
import com.forecap.application.importing.port.out.EvictCachedRecapsPort;
import com.forecap.application.importing.port.out.ReadImportRowsPort.ImportRows;
import com.forecap.application.importing.port.out.ReadImportRowsPort.UnreadableFileException;
import com.forecap.application.importing.port.out.ReadImportRowsPort;
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
        } catch (UnreadableFileException | WriteRejectsPort.UnwritableRejectsException e) {
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
            ImportRun run = new ImportRun(command, rows, mapping, new ImportRun.Resume(key, source, resumeAfter),
                    new ImportRun.Sinks(store, cache, validator, progress), chunkRows);
            String task = (command.dryRun() ? "checking " : "importing ") + command.file().getFileName();
            progress.started(task, -1, 0);
            try (WriteRejectsPort.Rejects rejected = rejects.open(command.rejects(), rows.positionName())) {
                run.execute(rejected);
            } finally {
                progress.finished();
            }
            if (!command.dryRun()) {
                store.finished(key);
            }
            return run.report(rows.header().isEmpty() ? run.ignoredKeys() : unknown,
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
}
