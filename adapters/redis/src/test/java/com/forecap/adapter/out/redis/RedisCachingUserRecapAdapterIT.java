package com.forecap.adapter.out.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.LongStream;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import com.forecap.adapter.out.redis.testing.RedisTesting;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCachingUserRecapAdapterIT {

    private static final JacksonRecapJson JSON = new JacksonRecapJson();
    private static final SyntheticRecaps SYNTHETIC = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private static ZstdRecapCodec codec;

    private final String prefix = RedisTesting.uniquePrefix();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountingStore store = new CountingStore();
    private final Metrics metrics = new Metrics();

    @BeforeAll
    static void train() {
        codec = ZstdRecapCodec.trainedOn(LongStream.rangeClosed(1, 2_000)
                .mapToObj(id -> JSON.encode(SYNTHETIC.recapOf(UserId.of(id)))).toList());
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            for (String key : jedis.keys(prefix + "*")) {
                jedis.del(key);
            }
        }
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private RedisCachingUserRecapAdapter adapter(RedisSettings settings) {
        RedisConnections connections = RedisConnections.create(settings);
        resources.add(connections);
        RedisCachingUserRecapAdapter adapter = new RedisCachingUserRecapAdapter(connections, store, codec, metrics);
        resources.add(0, adapter);
        return adapter;
    }

    private RedisCachingUserRecapAdapter shared(Duration ttl) {
        return adapter(RedisTesting.settings(RedisTesting.SHARED_NODE, prefix, ttl));
    }

    private static String text(Optional<EncodedRecap> recap) {
        return new String(recap.orElseThrow().json(), StandardCharsets.UTF_8);
    }

    @Test
    void a_miss_costs_one_round_trip_before_the_store_and_one_after_the_answer_and_a_hit_one() throws Exception {
        try (PrivateRedisServer server = PrivateRedisServer.start()) {
            RedisCachingUserRecapAdapter cache = adapter(RedisTesting.settings(server.node(), prefix, Duration.ofMinutes(5)));
            try (Jedis admin = new Jedis(redis.clients.jedis.HostAndPort.from(server.node()))) {
                Jedis probe = new Jedis(redis.clients.jedis.HostAndPort.from(server.node()));
                resources.add(probe);
                store.probe = () -> commandCounts(probe);
                admin.configResetStat();
                assertThat(cache.loadUserRecap(UserId.of(31))).isPresent();
                Map<String, Long> beforeStore = store.commandsAtFirstLoad;
                awaitReleased(admin, prefix + "user:recap:31:lock");
                Map<String, Long> miss = commandCounts(admin);
                // the server counts the commands a script runs too. Before the store was read, one EVAL (read the
                // entry; missing, take the lock: GET, SET); after the answer, one EVAL (store the entry, release the
                // lock, clear the waiting mark: SET, GET, DEL, DEL), sent by the finisher. Nobody waited: no wake-up.
                assertThat(beforeStore).as("commands before the store was read").containsOnly(Map.entry("eval", 1L),
                        Map.entry("get", 1L), Map.entry("set", 1L));
                assertThat(miss).as("commands of a miss").containsOnly(Map.entry("eval", 2L), Map.entry("get", 2L),
                        Map.entry("set", 2L), Map.entry("del", 2L));
                admin.configResetStat();
                assertThat(cache.loadUserRecap(UserId.of(31))).isPresent();
                assertThat(commandCounts(admin)).as("commands of a hit").containsOnly(Map.entry("eval", 1L),
                        Map.entry("get", 1L));
                assertThat(admin.pttl(prefix + "user:recap:31")).isBetween(Duration.ofMinutes(4).toMillis(),
                        Duration.ofMinutes(6).toMillis());
                assertThat(cache.loadUserRecap(UserId.of(CountingStore.MISSING))).as("unknown user").isEmpty();
                awaitReleased(admin, prefix + "user:recap:" + CountingStore.MISSING + ":lock");
                assertThat(admin.exists(prefix + "user:recap:" + CountingStore.MISSING)).isFalse();
                assertThat(admin.keys(prefix + "*")).as("no lock, wake-up list or waiting mark left")
                        .containsExactly(prefix + "user:recap:31");
            }
            assertThat(store.loads.get()).as("store reads: user 31 once, the unknown user once").isEqualTo(2);
        }
    }

    @Test
    void a_waiting_request_is_woken_by_the_loads_end() throws Exception {
        store.delay = Duration.ofMillis(150);
        RedisCachingUserRecapAdapter first = shared(Duration.ofMinutes(5));
        RedisCachingUserRecapAdapter second = shared(Duration.ofMinutes(5));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> loading = threads.submit(() -> text(first.loadUserRecap(UserId.of(77))));
            awaitExists(prefix + "user:recap:77:lock");
            long start = System.nanoTime();
            String waited = text(second.loadUserRecap(UserId.of(77)));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(waited).isEqualTo(loading.get(5, TimeUnit.SECONDS));
            assertThat(waitedMillis).as("woken when the entry was written, not after the lock wait")
                    .isLessThan(RedisTesting.settings(RedisTesting.SHARED_NODE, prefix, Duration.ofMinutes(5))
                            .lockWait().toMillis());
        }
        assertThat(store.loads.get()).as("loaded once").isEqualTo(1);
    }

    private static void awaitReleased(Jedis admin, String lock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (admin.exists(lock) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(admin.exists(lock)).as(lock + " released").isFalse();
    }

    private void awaitExists(String key) throws InterruptedException {
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!jedis.exists(key) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(jedis.exists(key)).as(key).isTrue();
        }
    }

    /**
     * Calls per command since the last CONFIG RESETSTAT, as the server counts them (mget counted as get), less
     * the test's own look-ups.
     */
    private static Map<String, Long> commandCounts(Jedis admin) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^cmdstat_(\\w+):calls=(\\d+)").matcher(line);
            if (matcher.find() && !List.of("config", "info", "ping", "hello", "client", "command", "exists", "keys", "pttl").contains(matcher.group(1))) {
                counts.merge(matcher.group(1).equals("mget") ? "get" : matcher.group(1), Long.parseLong(matcher.group(2)), Long::sum);
            }
        }
        return counts;
    }

    @Test
    void a_miss_loads_once_then_hits_with_the_same_bytes() throws Exception {
        RedisCachingUserRecapAdapter cache = shared(Duration.ofMinutes(5));
        String first = text(cache.loadUserRecap(UserId.of(42)));
        // the entry is written after the answer, by the finisher (a lookup before that waits for it)
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            awaitReleased(jedis, prefix + "user:recap:42:lock");
        }
        String second = text(cache.loadUserRecap(UserId.of(42)));
        assertThat(second).isEqualTo(first).isEqualTo(text(store.loadUserRecap(UserId.of(42))));
        assertThat(store.loads.get()).isEqualTo(2).as("one through the cache, one by this test");
        assertThat(metrics.count("miss redis")).isEqualTo(1);
        assertThat(metrics.count("hit redis")).isEqualTo(1);
        assertThat(metrics.count("op get redis")).isEqualTo(2);
    }

    @Test
    void entries_use_the_contract_key_compressed_with_the_configured_ttl_and_jitter() throws Exception {
        shared(Duration.ofSeconds(100)).loadUserRecap(UserId.of(7));
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            awaitReleased(jedis, prefix + "user:recap:7:lock");
            byte[] key = (prefix + "user:recap:7").getBytes(StandardCharsets.UTF_8);
            long ttl = jedis.pttl(key);
            assertThat(ttl).isBetween(89_000L, 110_000L);
            byte[] value = jedis.get(key);
            assertThat(value.length).isLessThan(store.loadUserRecap(UserId.of(7)).orElseThrow().length() / 2);
            assertThat(codec.decode(value).json()).isEqualTo(store.loadUserRecap(UserId.of(7)).orElseThrow().json());
        }
    }

    @Test
    void an_expired_entry_is_loaded_again() throws Exception {
        RedisCachingUserRecapAdapter cache = shared(Duration.ofMillis(300));
        cache.loadUserRecap(UserId.of(9));
        try (Jedis jedis = new Jedis(redis.clients.jedis.HostAndPort.from(RedisTesting.SHARED_NODE))) {
            // the entry is stored after the answer: first wait until it is there, then until it has expired
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!jedis.exists(prefix + "user:recap:9") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(store.loads.get()).isEqualTo(1);
            while (jedis.exists(prefix + "user:recap:9") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(jedis.exists(prefix + "user:recap:9")).isFalse();
        }
        cache.loadUserRecap(UserId.of(9));
        assertThat(store.loads.get()).isEqualTo(2);
    }

    @Test
    void a_user_the_store_does_not_have_is_not_cached() {
        RedisCachingUserRecapAdapter cache = shared(Duration.ofMinutes(5));
        assertThat(cache.loadUserRecap(UserId.of(CountingStore.MISSING))).isEmpty();
        assertThat(cache.loadUserRecap(UserId.of(CountingStore.MISSING))).isEmpty();
        assertThat(store.loads.get()).isEqualTo(2);
    }

    @Test
    void instances_racing_for_one_user_load_it_once() throws Exception {
        store.delay = Duration.ofMillis(200);
        List<RedisCachingUserRecapAdapter> instances = List.of(shared(Duration.ofMinutes(5)), shared(Duration.ofMinutes(5)),
                shared(Duration.ofMinutes(5)), shared(Duration.ofMinutes(5)));
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = new ArrayList<>();
            for (RedisCachingUserRecapAdapter instance : instances) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return text(instance.loadUserRecap(UserId.of(555)));
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).contains("userName");
            }
        }
        assertThat(store.loads.get()).as("one instance loaded, the others waited for it").isEqualTo(1);
    }

    @Test
    void pre_warmed_entries_are_hits() {
        RedisCachingUserRecapAdapter cache = shared(Duration.ofMinutes(5));
        Map<UserId, EncodedRecap> batch = new java.util.LinkedHashMap<>();
        for (long id = 100; id < 200; id++) {
            batch.put(UserId.of(id), JSON.encode(SYNTHETIC.recapOf(UserId.of(id))));
        }
        cache.putAll(batch);
        for (long id = 100; id < 200; id++) {
            assertThat(cache.loadUserRecap(UserId.of(id)).orElseThrow().json()).isEqualTo(batch.get(UserId.of(id)).json());
        }
        assertThat(store.loads.get()).isZero();
        assertThat(metrics.count("hit redis")).isEqualTo(100);
    }

    @Test
    void redis_killed_mid_traffic_fails_no_request_and_caching_resumes_after_restart() throws Exception {
        try (PrivateRedisServer server = PrivateRedisServer.start()) {
            RedisCachingUserRecapAdapter cache = adapter(RedisTesting.settings(server.node(), prefix, Duration.ofMinutes(5)));
            LongAdder answered = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicInteger phase = new AtomicInteger();
            Runnable traffic = () -> {
                for (int i = 0; i < 400; i++) {
                    try {
                        long id = 1 + (i % 50);
                        if (cache.loadUserRecap(UserId.of(id)).isPresent()) {
                            answered.increment();
                        } else {
                            failed.increment();
                        }
                    } catch (RuntimeException e) {
                        failed.increment();
                    }
                    if (i == 100 && phase.compareAndSet(0, 1)) {
                        server.kill();
                    }
                }
            };
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    threads.submit(traffic);
                }
            }
            assertThat(failed.sum()).as("requests failed while Redis died").isZero();
            assertThat(answered.sum()).isEqualTo(8 * 400);
            assertThat(cache.circuitState()).isEqualTo("OPEN");

            long redisMissesBefore = metrics.count("miss redis");
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                cache.loadUserRecap(UserId.of(1 + i % 50));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an open circuit costs no timeouts")
                    .isLessThan(Duration.ofSeconds(3));

            server.restart();
            long hitsBefore = metrics.count("hit redis");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (metrics.count("hit redis") == hitsBefore && System.nanoTime() < deadline) {
                cache.loadUserRecap(UserId.of(3));
            }
            assertThat(metrics.count("hit redis")).as("caching came back by itself").isGreaterThan(hitsBefore);
            assertThat(cache.circuitState()).isEqualTo("CLOSED");
            assertThat(metrics.count("miss redis")).isGreaterThan(redisMissesBefore);
        }
    }

    /** A store of synthetic users (all but one id) that counts loads and can be slow. */
    static final class CountingStore implements LoadUserRecapPort {
        static final long MISSING = 999_999_999L;
        final AtomicInteger loads = new AtomicInteger();
        volatile Duration delay = Duration.ZERO;
        /** When set, read at the first load: what the cache had sent before the store was asked. */
        volatile java.util.function.Supplier<Map<String, Long>> probe;
        volatile Map<String, Long> commandsAtFirstLoad;

        @Override
        public Optional<EncodedRecap> loadUserRecap(UserId userId) {
            if (loads.incrementAndGet() == 1 && probe != null) {
                commandsAtFirstLoad = probe.get();
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return userId.value() == MISSING ? Optional.empty() : Optional.of(JSON.encode(SYNTHETIC.recapOf(userId)));
        }
    }

    /** Counts metric events by kind. */
    static final class Metrics implements RecordCacheMetricsPort {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        long count(String key) {
            LongAdder adder = counts.get(key);
            return adder == null ? 0 : adder.sum();
        }

        private void add(String key) {
            counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        }

        @Override
        public void hit(String cacheType) {
            add("hit " + cacheType);
        }

        @Override
        public void miss(String cacheType) {
            add("miss " + cacheType);
        }

        @Override
        public void operation(String operation, String cacheType, long nanos) {
            add("op " + operation + " " + cacheType);
        }
    }
}
