package com.forecap.adapter.out.memory;

import java.util.Optional;
import java.util.stream.IntStream;

import com.forecap.application.port.out.LoadUserRecapPort;
import com.forecap.application.port.out.RecapJsonPort;
import com.forecap.application.testdata.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/**
 * The embedded store: users 1..N of the synthetic data set, each encoded once when the store is
 * built and then served from an array. Needs no database; memory grows by roughly 0.6 KB a user.
 * Thread-safe once built.
 */
public final class InMemoryUserRecapAdapter implements LoadUserRecapPort {

    /** Most users one store holds (array-indexed). */
    public static final int MAX_USERS = 20_000_000;

    private final EncodedRecap[] recaps;

    private InMemoryUserRecapAdapter(EncodedRecap[] recaps) {
        this.recaps = recaps;
    }

    /**
     * Builds the store, encoding users 1..{@code users} in parallel.
     *
     * @param users     how many users, 0..{@link #MAX_USERS}
     * @param synthetic the data set
     * @param json      the encoder
     * @return the filled store
     */
    public static InMemoryUserRecapAdapter fill(int users, SyntheticRecaps synthetic, RecapJsonPort json) {
        if (users < 0 || users > MAX_USERS) {
            throw new IllegalArgumentException("embedded users must be between 0 and " + MAX_USERS + ", was " + users);
        }
        EncodedRecap[] recaps = new EncodedRecap[users];
        IntStream.range(0, users).parallel()
                .forEach(i -> recaps[i] = json.encode(synthetic.recapOf(UserId.of(i + 1L))));
        return new InMemoryUserRecapAdapter(recaps);
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        long index = userId.value() - 1;
        return index < recaps.length ? Optional.of(recaps[(int) index]) : Optional.empty();
    }

    /**
     * Number of users held.
     *
     * @return the count
     */
    public int size() {
        return recaps.length;
    }
}
