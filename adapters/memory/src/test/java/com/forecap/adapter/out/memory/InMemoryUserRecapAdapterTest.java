package com.forecap.adapter.out.memory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.recap.JsonArrayText;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryUserRecapAdapterTest {

    /** Encodes just the name and count, enough to tell users apart. */
    private static final RecapJsonPort NAME_ONLY = new RecapJsonPort() {
        @Override
        public EncodedRecap encode(UserRecap recap) {
            return EncodedRecap.ofJson((recap.userName() + "/" + recap.trxCount()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public JsonArrayText storedList(String column) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean sameList(JsonArrayText first, JsonArrayText second) {
            throw new UnsupportedOperationException();
        }
    };

    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    @Test
    void serves_users_one_to_n_as_the_synthetic_data_set_defines_them() {
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(1000, synthetic, NAME_ONLY);
        assertThat(store.size()).isEqualTo(1000);
        for (long id : List.of(1L, 500L, 1000L)) {
            UserRecap expected = synthetic.recapOf(UserId.of(id));
            assertThat(new String(store.loadUserRecap(UserId.of(id)).orElseThrow().json(), StandardCharsets.UTF_8))
                    .isEqualTo(expected.userName() + "/" + expected.trxCount());
        }
    }

    @Test
    void users_beyond_the_data_set_are_not_found() {
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(10, synthetic, NAME_ONLY);
        assertThat(store.loadUserRecap(UserId.of(11))).isEmpty();
        assertThat(store.loadUserRecap(UserId.of(UserId.MAX))).isEmpty();
    }

    @Test
    void an_empty_store_finds_nobody_and_sizes_are_bounded() {
        assertThat(InMemoryUserRecapAdapter.filling(0, synthetic, NAME_ONLY).loadUserRecap(UserId.of(1))).isEmpty();
        assertThatThrownBy(() -> InMemoryUserRecapAdapter.filling(-1, synthetic, NAME_ONLY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_filling_store_answers_at_once_with_the_same_bytes_the_fill_stores() throws Exception {
        Counting full = new Counting(NAME_ONLY);
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(50_000, synthetic, full);
        EncodedRecap last = store.loadUserRecap(UserId.of(50_000)).orElseThrow();
        assertThat(store.loadUserRecap(UserId.of(50_000)).orElseThrow()).as("kept, not encoded again").isSameAs(last);
        assertThat(store.loadUserRecap(UserId.of(50_001))).isEmpty();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!store.filled() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(store.filled()).isTrue();
        assertThat(store.loadUserRecap(UserId.of(50_000)).orElseThrow()).isSameAs(last);
        UserRecap expected = synthetic.recapOf(UserId.of(123));
        assertThat(new String(store.loadUserRecap(UserId.of(123)).orElseThrow().json(), StandardCharsets.UTF_8))
                .isEqualTo(expected.userName() + "/" + expected.trxCount());
        assertThat(full.encoded.get()).as("each user encoded once, the on-the-spot one at most twice")
                .isBetween(50_000, 50_001);
    }

    /** Counts encodings. */
    static final class Counting implements RecapJsonPort {
        final java.util.concurrent.atomic.AtomicInteger encoded = new java.util.concurrent.atomic.AtomicInteger();
        private final RecapJsonPort delegate;

        Counting(RecapJsonPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public EncodedRecap encode(UserRecap recap) {
            encoded.incrementAndGet();
            return delegate.encode(recap);
        }

        @Override
        public JsonArrayText storedList(String column) {
            return delegate.storedList(column);
        }

        @Override
        public boolean sameList(JsonArrayText first, JsonArrayText second) {
            return delegate.sameList(first, second);
        }
    }
}
