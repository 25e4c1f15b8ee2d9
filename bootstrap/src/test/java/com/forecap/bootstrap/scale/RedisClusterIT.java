package com.forecap.bootstrap.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.RedisCachingUserRecapAdapter;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.application.observability.RecordCacheMetricsPort;
import com.forecap.bootstrap.JarProcess;
import com.forecap.bootstrap.SignedClient;
import com.forecap.bootstrap.wiring.LoopbackService;
import com.forecap.bootstrap.wiring.RunningService;
import com.forecap.domain.recap.EncodedRecap;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis cache against a real Redis Cluster (3 masters + 3 replicas, as ElastiCache with cluster
 * mode enabled): hit, miss, the cross-instance lock (its key lives in another slot than the entry),
 * batched lookups over keys of every shard, warm-cache's pipelined writes, and a master killed under
 * load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    private static PrivateRedisCluster cluster;
    private static JedisCluster admin;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = PrivateRedisCluster.start();
        Set<HostAndPort> nodes = new HashSet<>();
        cluster.nodes().forEach(node -> nodes.add(HostAndPort.from(node)));
        admin = new JedisCluster(nodes);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private RedisCachingUserRecapAdapter instance(RecapFixtures.CountingStore store) {
        RedisSettings settings = RecapFixtures.redis(List.of(cluster.nodes().getFirst()), true, null, null, false, null);
        RedisConnections connections = RedisConnections.create(settings);
        resources.add(connections);
        RedisCachingUserRecapAdapter cache = new RedisCachingUserRecapAdapter(connections, store, RecapFixtures.CODEC,
                RecordCacheMetricsPort.NONE);
        resources.add(cache);
        assertThat(connections.ping()).as("PING through the cluster client").isNull();
        return cache;
    }

    @Test
    @Order(1)
    void a_miss_loads_once_under_the_lock_then_hits() {
        RecapFixtures.CountingStore store = new RecapFixtures.CountingStore();
        RedisCachingUserRecapAdapter cache = instance(store);
        assertThat(cache.loadUserRecap(UserId.of(7))).map(EncodedRecap::json).hasValueSatisfying(json ->
                assertThat(json).isEqualTo(RecapFixtures.recap(7).json()));
        assertThat(cache.loadUserRecap(UserId.of(7))).isPresent();
        assertThat(cache.loadUserRecap(UserId.of(2_000_000))).isEmpty();
        assertThat(store.readsOf(7)).isEqualTo(1);
        assertThat(admin.exists("user:recap:7")).isTrue();
        assertThat(admin.exists("user:recap:7:lock")).as("lock released").isFalse();
        assertThat(admin.pttl("user:recap:7:ready")).as("wake-up list expires").isPositive();
        assertThat(admin.pttl("user:recap:7")).isBetween(3_000_000L, 4_000_000L);
        assertThat(cache.circuitState()).isEqualTo("CLOSED");
    }

    @Test
    @Order(2)
    void concurrent_misses_on_two_instances_make_one_store_read() throws Exception {
        RecapFixtures.CountingStore store = new RecapFixtures.CountingStore();
        List<RedisCachingUserRecapAdapter> instances = List.of(instance(store), instance(store));
        for (RedisCachingUserRecapAdapter cache : instances) {
            cache.loadUserRecap(UserId.of(1));   // connections to every node open
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        for (long user : new long[] {101, 202, 303}) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<EncodedRecap>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                RedisCachingUserRecapAdapter cache = instances.get(i % 2);
                answers.add(pool.submit(() -> {
                    go.await();
                    return cache.loadUserRecap(UserId.of(user));
                }));
            }
            go.countDown();
            for (Future<Optional<EncodedRecap>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
            }
            assertThat(store.readsOf(user)).as("store reads of user " + user).isEqualTo(1);
        }
        pool.shutdown();
    }

    @Test
    @Order(3)
    void warm_cache_writes_every_shard_and_batched_lookups_hit() throws Exception {
        RecapFixtures.CountingStore store = new RecapFixtures.CountingStore();
        RedisCachingUserRecapAdapter cache = instance(store);
        Map<UserId, EncodedRecap> batch = new HashMap<>();
        for (long id = 10_001; id <= 12_000; id++) {
            batch.put(UserId.of(id), RecapFixtures.recap(id));
        }
        cache.putAll(batch);
        for (int master : cluster.masters()) {
            try (Jedis jedis = new Jedis("127.0.0.1", master)) {
                assertThat(jedis.dbSize()).as("keys on master " + master).isGreaterThan(500);
            }
        }
        // 64 clients (as 64 keep-alive connections would), each asking for 100 users in turn
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int client = 0; client < 64; client++) {
            int first = client;
            answers.add(pool.submit(() -> {
                int right = 0;
                for (int i = 0; i < 100; i++) {
                    long id = 10_001 + (first * 31 + i * 17) % 2_000;
                    right += cache.loadUserRecap(UserId.of(id))
                            .map(recap -> java.util.Arrays.equals(recap.json(), RecapFixtures.recap(id).json())).orElse(false) ? 1 : 0;
                }
                return right;
            }));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(100);
        }
        pool.shutdown();
        assertThat(store.reads.sum()).as("every lookup was a hit").isZero();
        assertThat(cache.circuitState()).isEqualTo("CLOSED");
    }

    @Test
    @Order(4)
    void the_service_and_warm_cache_run_against_the_cluster_as_the_acl_user() throws Exception {
        for (String node : cluster.nodes()) {
            try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
                jedis.aclSetUser("forecap", (RedisTlsAclIT.ACL_RULE + " >cluster-pw").split(" "));
                jedis.aclLogReset();
            }
        }
        ScratchDatabase database = ScratchDatabase.named();
        try {
            database.withUsers(300);
            Map<String, String> environment = database.environment();
            environment.put("REDIS_CLUSTER", "true");
            environment.put("REDIS_NODES", String.join(",", cluster.nodes().subList(0, 2)));
            environment.put("REDIS_USERNAME", "forecap");
            environment.put("REDIS_PASSWORD", "cluster-pw");
            try (JarProcess warm = JarProcess.start(environment, "warm-cache", "--ids", "1-200", "--batch", "64")) {
                assertThat(warm.awaitExit(Duration.ofSeconds(120))).as(warm.output()).isZero();
                assertThat(warm.output()).contains("cached 200 recaps");
            }
            for (long id = 1; id <= 200; id++) {
                assertThat(admin.exists("user:recap:" + id)).as("user " + id + " warmed").isTrue();
            }
            RunningService service = LoopbackService.start(environment, "forecap.cache.local.enabled", "false");
            try {
                SignedClient client = new SignedClient(service.port());
                for (long id = 1; id <= 300; id++) {
                    assertThat(client.recap(id).statusCode()).isEqualTo(200);
                }
                assertThat(admin.exists("user:recap:250")).as("a miss is written to the cluster").isTrue();
                String health = client.get("/health").body();
                assertThat(health).contains("\"mode\":\"cluster\"").contains("CLOSED");
                assertThat(health.replaceAll(".*\"redis\":\\{", "")).doesNotStartWith("\"status\":\"DOWN\"");
            } finally {
                service.close();
            }
        } finally {
            database.close();
        }
        for (String node : cluster.nodes()) {
            try (Jedis jedis = new Jedis(HostAndPort.from(node))) {
                assertThat(jedis.aclLog()).as("commands the ACL refused on " + node).isEmpty();
            }
        }
    }

    @Test
    @Order(5)
    void a_master_killed_under_load_fails_no_request_and_caching_resumes() throws Exception {
        RecapFixtures.CountingStore store = new RecapFixtures.CountingStore();
        RedisCachingUserRecapAdapter cache = instance(store);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    long id = 10_001 + ThreadLocalRandom.current().nextInt(3_000);
                    try {
                        if (cache.loadUserRecap(UserId.of(id)).isEmpty()) {
                            failures.add(new AssertionError("user " + id + " not found"));
                        }
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        Thread.sleep(1_000);
        int victim = cluster.masterOf("user:recap:10001");
        cluster.kill(victim);
        cluster.awaitHealthy(victim);
        Thread.sleep(2_000);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failures).as("failed lookups while a master died").isEmpty();
        assertThat(served.get()).isGreaterThan(1_000);

        // after the failover: a new user's entry goes to the promoted replica and is served from there
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long user = 500_000;
        boolean resumed = false;
        while (!resumed && System.nanoTime() < deadline) {
            user++;
            if (cluster.masterOf("user:recap:" + user) != cluster.masterOf("user:recap:10001")) {
                continue;
            }
            cache.loadUserRecap(UserId.of(user));
            int before = store.readsOf(user);
            cache.loadUserRecap(UserId.of(user));
            resumed = before == 1 && store.readsOf(user) == 1 && admin.exists("user:recap:" + user);
            if (!resumed) {
                Thread.sleep(200);
            }
        }
        assertThat(resumed).as("entries are written and hit again on the promoted replica").isTrue();
        assertThat(cache.circuitState()).isEqualTo("CLOSED");
    }
}
