package com.forecap.application.recap.port.out;

import java.util.Optional;

import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/** Loads a customer's recap, already encoded, from wherever recaps are kept. */
@FunctionalInterface
public interface LoadUserRecapPort {

    /**
     * Loads one recap.
     *
     * @param userId the user
     * @return the encoded recap, or empty when the user is not in the data set
     * @throws RecapStoreUnavailableException when the store cannot answer now
     */
    Optional<EncodedRecap> loadUserRecap(UserId userId);
}
