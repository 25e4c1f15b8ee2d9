package com.forecap.application.cache.port.out;

import java.util.List;

import com.forecap.domain.recap.EncodedRecap;

/** The cache's compression dictionary, trained on stored recaps and kept where every instance finds it. */
public interface CacheDictionaryPort {

    /**
     * Trains a dictionary, measures it against the one in use until now, and stores it for every instance.
     *
     * @param training recaps to train on
     * @param holdout  other recaps to measure with
     * @return what was trained
     */
    TrainedDictionary trainAndStore(List<EncodedRecap> training, List<EncodedRecap> holdout);

    /**
     * A stored dictionary and what it does to recaps it did not see.
     *
     * @param id                the dictionary's id (entries carry it)
     * @param bytes             its size
     * @param previousId        the dictionary instances used until now
     * @param jsonBytesPerUser  average JSON bytes of a held-out recap
     * @param bytesBefore       average cached bytes with the previous dictionary
     * @param bytesAfter        average cached bytes with the new one
     */
    record TrainedDictionary(long id, int bytes, long previousId, double jsonBytesPerUser, double bytesBefore,
                             double bytesAfter) {
    }
}
