package com.forecap.application.cache.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import com.forecap.application.cache.port.in.TrainCacheDictionaryUseCase;
import com.forecap.application.cache.port.out.CacheDictionaryPort;
import com.forecap.application.cache.port.out.ReadRecapsPort;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.CountStoredUsersPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.domain.recap.EncodedRecap;

/**
 * Trains the cache dictionary on a sample of the stored users: windows of {@value #WINDOW} consecutive
 * ids at random places between 1 and the largest id, so the sample spreads over the whole table without
 * scanning it; a fifth of the sample is held out to measure the dictionary on recaps it did not see.
 */
public final class TrainCacheDictionaryService implements TrainCacheDictionaryUseCase {

    static final int WINDOW = 50;

    private final CountStoredUsersPort inspect;
    private final ReadRecapsPort reader;
    private final RecapJsonPort json;
    private final CacheDictionaryPort dictionary;

    /**
     * Creates the service.
     *
     * @param inspect    tells the largest id
     * @param reader     reads recaps
     * @param json       encodes them as cached
     * @param dictionary trains and stores
     */
    public TrainCacheDictionaryService(CountStoredUsersPort inspect, ReadRecapsPort reader, RecapJsonPort json,
                                       CacheDictionaryPort dictionary) {
        this.inspect = Objects.requireNonNull(inspect, "inspect");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.json = Objects.requireNonNull(json, "json");
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
    }

    @Override
    public Result train(int samples, long seed) {
        if (samples < 100) {
            throw new IllegalArgumentException("train on at least 100 recaps");
        }
        int wanted = samples + samples / 4;
        CountStoredUsersPort.Totals totals = inspect.totals();
        if (totals.count() < 100) {
            throw new IllegalStateException("only " + totals.count() + " users are stored; import users before training");
        }
        List<EncodedRecap> sample = new ArrayList<>(wanted);
        SplittableRandom random = new SplittableRandom(seed);
        int attempts = 0;
        long maxAttempts = Math.max(1_000, wanted * 4L);
        if (totals.count() <= wanted) {
            reader.readRange(new IdRange(1, totals.maxId()), 1_000, batch -> batch.forEach(r -> sample.add(json.encode(r.recap()))));
        } else {
            while (sample.size() < wanted && attempts++ < maxAttempts) {
                long first = 1 + random.nextLong(Math.max(1, totals.maxId() - WINDOW + 1));
                reader.readRange(new IdRange(first, Math.min(totals.maxId(), first + WINDOW - 1)), WINDOW,
                        batch -> batch.forEach(r -> {
                            if (sample.size() < wanted) {
                                sample.add(json.encode(r.recap()));
                            }
                        }));
            }
        }
        if (sample.size() < 100) {
            throw new IllegalStateException("found only " + sample.size() + " recaps to train on");
        }
        int holdout = Math.max(1, sample.size() / 5);
        List<EncodedRecap> training = new ArrayList<>(sample.subList(0, sample.size() - holdout));
        List<EncodedRecap> measure = new ArrayList<>(sample.subList(sample.size() - holdout, sample.size()));
        CacheDictionaryPort.TrainedDictionary d = dictionary.trainAndStore(training, measure);
        return new Result(sample.size(), d.id(), d.bytes(), d.previousId(), d.jsonBytesPerUser(), d.bytesBefore(),
                d.bytesAfter());
    }
}
