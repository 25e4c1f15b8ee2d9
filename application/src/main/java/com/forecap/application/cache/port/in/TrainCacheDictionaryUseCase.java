package com.forecap.application.cache.port.in;

/** Trains the cache's compression dictionary on stored recaps and stores it for every instance. */
public interface TrainCacheDictionaryUseCase {

    /**
     * Samples stored recaps, trains on most of them, measures on the rest, stores the dictionary.
     *
     * @param samples recaps to train on (another quarter as many are held out to measure)
     * @param seed    seed of the sample's choice
     * @return the dictionary and its figures
     */
    Result train(int samples, long seed);

    /**
     * What training did.
     *
     * @param sampled          recaps read
     * @param id               the stored dictionary's id (entries carry it)
     * @param bytes            its size
     * @param previousId       the dictionary instances used until now
     * @param jsonBytesPerUser average JSON bytes of a held-out recap
     * @param bytesBefore      average cached bytes with the previous dictionary
     * @param bytesAfter       average cached bytes with the new one
     */
    record Result(int sampled, long id, int bytes, long previousId, double jsonBytesPerUser, double bytesBefore,
                  double bytesAfter) {
    }
}
