package com.forecap.adapter.out.caffeine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NearCacheUserRecapAdapterTest {

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final RecordCacheMetricsPort metrics = new RecordCacheMetricsPort() {
        @Override
        public void hit(String cacheType) {
            hits.incrementAndGet();
        }

        @Override
        public void miss(String cacheType) {
            misses.incrementAndGet();
        }

        @Override
        public void operation(String operation, String cacheType, long nanos) {
        }
    };

    private LoadUserRecapPort store(CountDownLatch gate) {
        return userId -> {
            loads.incrementAndGet();
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return userId.value() > 1_000 ? Optional.empty()
                    : Optional.of(EncodedRecap.ofJson(("{\"userName\":\"U" + userId + "\",\"trxCount\":1}").getBytes(StandardCharsets.UTF_8)));
        };
    }

    @Test
    void concurrent_misses_for_one_user_make_one_load() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(gate), 1 << 20, Duration.ofMinutes(1), metrics);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<EncodedRecap>>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(threads.submit(() -> cache.loadUserRecap(UserId.of(7))));
            }
            Thread.sleep(100);
            gate.countDown();
            for (Future<Optional<EncodedRecap>> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isPresent();
            }
        }
        assertThat(loads.get()).isEqualTo(1);
        assertThat(misses.get()).isEqualTo(1);
        assertThat(hits.get()).isEqualTo(199);
    }

    @Test
    void unknown_users_are_remembered_too() {
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(new CountDownLatch(0)), 1 << 20,
                Duration.ofMinutes(1), metrics);
        assertThat(cache.loadUserRecap(UserId.of(5_000))).isEmpty();
        assertThat(cache.loadUserRecap(UserId.of(5_000))).isEmpty();
        assertThat(cache.loadUserRecap(UserId.of(5_000))).isEmpty();
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void a_user_asked_for_once_is_not_kept() {
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(new CountDownLatch(0)), 1 << 20,
                Duration.ofMinutes(1), metrics);
        for (long id = 1; id <= 500; id++) {
            assertThat(cache.loadUserRecap(UserId.of(id))).isPresent();
        }
        assertThat(cache.size()).as("entries after 500 users asked for once").isZero();
        assertThat(loads.get()).isEqualTo(500);
    }

    @Test
    void a_user_asked_for_again_is_kept_and_then_served_from_memory() {
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(new CountDownLatch(0)), 1 << 20,
                Duration.ofMinutes(1), metrics);
        cache.loadUserRecap(UserId.of(9));
        cache.loadUserRecap(UserId.of(9));
        assertThat(cache.size()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(cache.loadUserRecap(UserId.of(9))).isPresent();
        }
        assertThat(loads.get()).isEqualTo(2);
        assertThat(hits.get()).isEqualTo(10);
    }

    @Test
    void entries_expire_after_the_ttl() throws Exception {
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(new CountDownLatch(0)), 1 << 20,
                Duration.ofMillis(50), metrics);
        cache.loadUserRecap(UserId.of(1));
        cache.loadUserRecap(UserId.of(1));
        cache.loadUserRecap(UserId.of(1));
        assertThat(loads.get()).as("kept after the second request").isEqualTo(2);
        Thread.sleep(120);
        cache.loadUserRecap(UserId.of(1));
        assertThat(loads.get()).isEqualTo(3);
    }

    @Test
    void the_size_is_bounded_in_bytes() {
        int entry = NearCacheUserRecapAdapter.ENTRY_OVERHEAD + "{\"userName\":\"U100\",\"trxCount\":1}".length();
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(store(new CountDownLatch(0)), 50L * entry,
                Duration.ofMinutes(1), metrics);
        for (long id = 100; id < 400; id++) {
            cache.loadUserRecap(UserId.of(id));
            cache.loadUserRecap(UserId.of(id));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(60);
    }

    @Test
    void a_failed_load_is_not_cached() {
        AtomicInteger calls = new AtomicInteger();
        LoadUserRecapPort flaky = userId -> {
            if (calls.incrementAndGet() == 1) {
                throw new RecapStoreUnavailableException("db down", null);
            }
            return Optional.of(EncodedRecap.ofJson("{}".getBytes(StandardCharsets.UTF_8)));
        };
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(flaky, 1 << 20, Duration.ofMinutes(1), metrics);
        assertThatThrownBy(() -> cache.loadUserRecap(UserId.of(3))).isInstanceOf(RecapStoreUnavailableException.class);
        assertThat(cache.loadUserRecap(UserId.of(3))).isPresent();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void failed_loads_reach_every_waiting_request_and_log_nothing() throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        List<java.util.logging.LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(capture);
        CountDownLatch release = new CountDownLatch(1);
        LoadUserRecapPort refusing = userId -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new RecapStoreUnavailableException("MySQL is saturated", null);
        };
        NearCacheUserRecapAdapter cache = new NearCacheUserRecapAdapter(refusing, 1 << 20, Duration.ofMinutes(1), metrics);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                long id = 1 + i % 20;
                outcomes.add(threads.submit(() -> {
                    try {
                        cache.loadUserRecap(UserId.of(id));
                        return "served";
                    } catch (RecapStoreUnavailableException e) {
                        return e.getMessage();
                    }
                }));
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<String> outcome : outcomes) {
                assertThat(outcome.get()).isEqualTo("MySQL is saturated");
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(records).as("log records while 200 requests were refused").isEmpty();
        assertThat(cache.size()).as("failures are not cached").isZero();
    }
}
