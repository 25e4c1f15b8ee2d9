package com.forecap.application.port.in;

import com.forecap.application.port.out.CacheDictionaryPort.TrainedDictionary;

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
     * @param sampled    recaps read
     * @param dictionary the stored dictionary
     */
    record Result(int sampled, TrainedDictionary dictionary) {
    }
}
