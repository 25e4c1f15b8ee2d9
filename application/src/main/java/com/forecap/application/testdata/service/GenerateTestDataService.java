package com.forecap.application.testdata.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase;
import com.forecap.application.testdata.port.out.StoreTestDataPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;

/**
 * Generates the synthetic data set into a store: the range is cut into fixed chunks, chunks already
 * complete are skipped, and the rest are written by parallel workers, each chunk in one atomic step.
 * Recaps are produced lazily while the store consumes them, so generating overlaps with writing.
 */
public final class GenerateTestDataService implements GenerateTestDataUseCase {

    private static final int PROGRESS_STEP = 1_000;

    private final StoreTestDataPort store;
    private final SyntheticRecaps synthetic;
    private final ReportProgressPort progress;
    private final long chunkSize;

    /**
     * Creates the service.
     *
     * @param store     where users go
     * @param synthetic the data set
     * @param progress  where progress is shown
     * @param chunkSize users per atomic write
     */
    public GenerateTestDataService(StoreTestDataPort store, SyntheticRecaps synthetic, ReportProgressPort progress,
                                   long chunkSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.synthetic = Objects.requireNonNull(synthetic, "synthetic");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1");
        }
        this.chunkSize = chunkSize;
    }

    @Override
    public GenerationReport generate(GenerateTestDataCommand command) {
        long began = System.nanoTime();
        if (command.truncate()) {
            store.truncate();
        }
        IdRange range = command.range();
        Map<Long, Long> present = command.truncate() ? Map.of() : store.countPerChunk(range, chunkSize);
        long alreadyPresent = present.values().stream().mapToLong(Long::longValue).sum();
        List<IdRange> todo = new ArrayList<>();
        for (IdRange chunk : range.chunks(chunkSize)) {
            if (present.getOrDefault(IdRange.chunkOf(chunk.first(), chunkSize), 0L) < chunk.size()) {
                todo.add(chunk);
            }
        }
        progress.started("generating users " + range, range.size(), alreadyPresent);
        try {
            writeAll(todo, Math.min(command.threads(), Math.max(1, todo.size())));
        } finally {
            progress.finished();
        }
        long written = range.size() - alreadyPresent;
        return new GenerationReport(range, alreadyPresent, written, Duration.ofNanos(System.nanoTime() - began));
    }

    private void writeAll(List<IdRange> chunks, int threads) {
        if (chunks.isEmpty()) {
            return;
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("generator-", 1).factory());
        try {
            List<Future<?>> results = new ArrayList<>(chunks.size());
            AtomicBoolean failed = new AtomicBoolean();
            for (IdRange chunk : chunks) {
                results.add(workers.submit(() -> {
                    if (failed.get()) {
                        return;
                    }
                    try {
                        store.write(chunk, recaps(chunk));
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } catch (ExecutionException e) {
            workers.shutdownNow();
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreException("a generator worker failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
            throw new StoreException("generation interrupted", e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** The recaps of a chunk, generated one by one as the store asks for them, reporting progress. */
    private Iterator<UserRecap> recaps(IdRange chunk) {
        return new Iterator<>() {
            private long next = chunk.first();
            private int sinceReport;

            @Override
            public boolean hasNext() {
                boolean more = next <= chunk.last();
                if (!more && sinceReport > 0) {
                    progress.advanced(sinceReport);
                    sinceReport = 0;
                }
                return more;
            }

            @Override
            public UserRecap next() {
                if (next > chunk.last()) {
                    throw new NoSuchElementException();
                }
                UserRecap recap = synthetic.recapOf(UserId.of(next++));
                if (++sinceReport == PROGRESS_STEP) {
                    progress.advanced(sinceReport);
                    sinceReport = 0;
                }
                return recap;
            }
        };
    }
}
