package com.forecap.application.fakes;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;

/** A map-backed {@link LoadUserRecapPort} for tests that counts its loads. */
public final class FakeRecapStore implements LoadUserRecapPort {

    private final Map<Long, EncodedRecap> recaps = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    /**
     * Stores a recap given as JSON text.
     *
     * @param userId the user
     * @param json   the recap JSON
     * @return this store
     */
    public FakeRecapStore with(long userId, String json) {
        recaps.put(userId, EncodedRecap.ofJson(json.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    @Override
    public Optional<EncodedRecap> loadUserRecap(UserId userId) {
        loads.incrementAndGet();
        return Optional.ofNullable(recaps.get(userId.value()));
    }

    /**
     * How many loads were asked for.
     *
     * @return the count
     */
    public int loads() {
        return loads.get();
    }
}
