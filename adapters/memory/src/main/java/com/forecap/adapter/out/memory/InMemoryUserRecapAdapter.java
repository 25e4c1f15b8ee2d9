package com.forecap.adapter.out.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/**
 * The embedded store: users 1..N of the synthetic data set, each encoded once and then served from an
 * array. Needs no database; memory grows by roughly 0.6 KB a user.
 *
 * <p>The service does not wait for the whole data set: a user asked for before the background fill has
 * reached them is encoded on the spot (the same bytes the fill would store) and kept, so the first
 * requests are served at once and every user is encoded at most a few times, then always served as
 * stored bytes. Thread-safe.
 */
public final class InMemoryUserRecapAdapter implements LoadUserRecapPort, CheckHealthPort {

    /** Most users one store holds (array-indexed). */
    public static final int MAX_USERS = 20_000_000;

    private final AtomicReferenceArray<EncodedRecap> recaps;
    private final SyntheticRecaps synthetic;
    private final RecapJsonPort json;
    private final AtomicInteger stored = new AtomicInteger();

    private InMemoryUserRecapAdapter(int users, SyntheticRecaps synthetic, RecapJsonPort json) {
        if (users < 0 || users > MAX_USERS) {
            throw new IllegalArgumentException("embedded users must be between 0 and " + MAX_USERS + ", was " + users);
        }
        this.recaps = new AtomicReferenceArray<>(users);
        this.synthetic = synthetic;
        this.json = json;
    }

    /**
     * Builds the store and fills it on a background thread: it answers at once, encoding on the spot a
     * user the fill has not reached yet.
     *
     * @param users     how many users, 0..{@link #MAX_USERS}
     * @param synthetic the data set
     * @param json      the encoder
     * @return the store, filling
     */
    public static InMemoryUserRecapAdapter filling(int users, SyntheticRecaps synthetic, RecapJsonPort json) {
        InMemoryUserRecapAdapter store = new InMemoryUserRecapAdapter(users, synthetic, json);
        Thread.ofPlatform().daemon().name("embedded-store-fill").priority(Thread.MIN_PRIORITY)
                .start(() -> {
                    for (int i = 0; i < users; i++) {
                        store.encodeIfMissing(i);
                    }
                });
        return store;
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        long index = userId.value() - 1;
        if (index >= recaps.length()) {
            return Optional.empty();
        }
        EncodedRecap recap = recaps.get((int) index);
        return Optional.of(recap != null ? recap : encode((int) index));
    }

    /** {@inheritDoc} Always up; reports how many users it holds and whether all are encoded yet. */
    @Override
    public ComponentHealth check() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", "embedded");
        details.put("users", Integer.toString(size()));
        details.put("encoded", filled() ? "all" : "filling");
        return ComponentHealth.up(details);
    }

    /**
     * Number of users held.
     *
     * @return the count
     */
    public int size() {
        return recaps.length();
    }

    /**
     * Whether every user has been encoded.
     *
     * @return true once the fill is complete
     */
    public boolean filled() {
        return stored.get() == recaps.length();
    }

    private void encodeIfMissing(int index) {
        if (recaps.get(index) == null) {
            encode(index);
        }
    }

    /** Encodes user {@code index + 1} and keeps the first encoding stored, so every caller gets the same bytes. */
    private EncodedRecap encode(int index) {
        EncodedRecap encoded = json.encode(synthetic.recapOf(UserId.of(index + 1L)));
        if (recaps.compareAndSet(index, null, encoded)) {
            stored.incrementAndGet();
            return encoded;
        }
        return recaps.get(index);
    }
}
