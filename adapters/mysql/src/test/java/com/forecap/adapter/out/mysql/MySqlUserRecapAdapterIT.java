package com.forecap.adapter.out.mysql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.application.observability.RecordQueryMetricsPort;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.application.shared.IdRange;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MySqlUserRecapAdapterIT {

    private static final ScratchDatabase DATABASE = ScratchDatabase.named();
    private static final SyntheticRecaps SYNTHETIC = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private static final JacksonRecapJson JSON = new JacksonRecapJson();
    private static MySqlConnections serving;

    @BeforeAll
    static void load() {
        new MySqlSchema(DATABASE.settings(2)).migrate();
        try (MySqlConnections tools = MySqlConnections.forTools(DATABASE.settings(2), 1)) {
            new MySqlTestDataStore(tools, JSON).write(new IdRange(1, 400),
                    java.util.stream.LongStream.rangeClosed(1, 400).mapToObj(id -> SYNTHETIC.recapOf(UserId.of(id))).iterator());
        }
        serving = MySqlConnections.forServing(DATABASE.settings(4));
    }

    @AfterAll
    static void drop() {
        serving.close();
        DATABASE.close();
    }

    /** The adapter as the service builds it, waiting for a connection at most the pool's timeout. */
    private static MySqlUserRecapAdapter adapter(MySqlConnections connections, RecordQueryMetricsPort queries) {
        return new MySqlUserRecapAdapter(connections, JSON, queries, connections.settings().connectionTimeout());
    }

    @Test
    void loads_a_user_encoded_exactly_as_the_embedded_store_would() {
        List<String> observed = new ArrayList<>();
        try (MySqlUserRecapAdapter adapter = adapter(serving,
                (type, table, nanos) -> observed.add(type + " " + table))) {
            for (long id : new long[] {1, 77, 400}) {
                String stored = new String(adapter.loadUserRecap(UserId.of(id)).orElseThrow().json(), StandardCharsets.UTF_8);
                String expected = new String(JSON.encode(SYNTHETIC.recapOf(UserId.of(id))).json(), StandardCharsets.UTF_8);
                assertThat(stored).isEqualTo(expected);
            }
            assertThat(adapter.loadUserRecap(UserId.of(401))).isEmpty();
            assertThat(observed).hasSize(4).containsOnly("select user_recap_data");
        }
    }

    @Test
    void the_warm_up_reads_a_computed_row_through_the_same_mapping_and_prepares_every_connection() {
        try (MySqlConnections pool = MySqlConnections.forServing(DATABASE.settings(3));
             MySqlUserRecapAdapter adapter = adapter(pool, RecordQueryMetricsPort.NONE)) {
            assertThat(adapter.prepareConnections()).as("connections opened and prepared").isEqualTo(3);
            assertThat(pool.total()).isEqualTo(3);
            // a recap in the service's JSON form, with a field left out (NULL in the row)
            String document = new String(JSON.encode(SYNTHETIC.recapOf(UserId.of(4321))).json(), StandardCharsets.UTF_8);
            String recap = new String(adapter.loadWarmUpRecap(4321, document).json(), StandardCharsets.UTF_8);
            assertThat(recap).as("the row decoded, mapped and encoded back to the same recap").isEqualTo(document);
            assertThat(SYNTHETIC.recapOf(UserId.of(4321)).userName()).isNotNull();
        }
    }

    @Test
    void null_columns_are_left_out_of_the_json() {
        ScratchDatabase.execute("INSERT INTO `" + DATABASE.name() + "`.user_recap_data (user_id, user_name, trx_count) "
                + "VALUES (9000, 'Nur Hadi', 0)");
        try (MySqlUserRecapAdapter adapter = adapter(serving, RecordQueryMetricsPort.NONE)) {
            assertThat(new String(adapter.loadUserRecap(UserId.of(9000)).orElseThrow().json(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"userName\":\"Nur Hadi\",\"trxCount\":0}");
        }
    }

    @Test
    void pool_numbers_and_ping_report_a_live_server() {
        assertThat(serving.ping(Duration.ofSeconds(1))).isNull();
        assertThat(serving.total()).isBetween(1, 4);
        assertThat(serving.active() + serving.idle()).isEqualTo(serving.total());
    }

    @Test
    void an_unreachable_server_makes_the_recap_unavailable_quickly() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MySqlSettings nowhere = MySqlSettings.of("127.0.0.1", closedPort, "forecap_db", "DISABLED", "root", "", 2,
                Duration.ofMillis(500), Duration.ofSeconds(2));
        try (MySqlConnections down = MySqlConnections.forServing(nowhere);
             MySqlUserRecapAdapter adapter = adapter(down, RecordQueryMetricsPort.NONE)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> adapter.loadUserRecap(UserId.of(1))).isInstanceOf(RecapStoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(down.ping(Duration.ofSeconds(1))).contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void the_recap_statement_is_prepared_once_per_connection_in_both_serving_pools() throws Exception {
        for (MySqlConnections one : List.of(MySqlConnections.forServing(DATABASE.settings(1)),
                MySqlConnections.forFallback(DATABASE.settings(1)))) {
            try (one; MySqlUserRecapAdapter adapter = adapter(one, RecordQueryMetricsPort.NONE)) {
                adapter.loadUserRecap(UserId.of(1));
                long before = sessionPrepares(one);
                for (long id = 1; id <= 200; id++) {
                    assertThat(adapter.loadUserRecap(UserId.of(id))).isPresent();
                }
                assertThat(sessionPrepares(one)).as("statements prepared by the server for 200 reads").isEqualTo(before);
            }
        }
    }

    /** Statements the server prepared for the pool's one connection. */
    private static long sessionPrepares(MySqlConnections pool) throws Exception {
        try (java.sql.Connection connection = pool.connection(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            assertThat(status.next()).isTrue();
            return status.getLong(2);
        }
    }

    @Test
    void a_saturated_pool_serves_every_read_within_the_wait_budget() throws Exception {
        try (MySqlConnections one = MySqlConnections.forServing(DATABASE.settings(1));
             MySqlUserRecapAdapter adapter = adapter(one, RecordQueryMetricsPort.NONE)) {
            List<java.util.concurrent.Future<Boolean>> reads = new ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 64; i++) {
                    long id = 1 + i;
                    reads.add(threads.submit(() -> adapter.loadUserRecap(UserId.of(id)).isPresent()));
                }
                for (var read : reads) {
                    assertThat(read.get()).isTrue();
                }
            }
            assertThat(adapter.refusedReads()).isZero();
        }
    }

    @Test
    void a_real_overload_gets_refusals_at_once_and_the_rest_is_served() throws Exception {
        MySqlSettings tight = MySqlSettings.of(ScratchDatabase.HOST, ScratchDatabase.PORT, DATABASE.name(), "PREFERRED",
                ScratchDatabase.USER, ScratchDatabase.PASSWORD, 1, Duration.ofMillis(100), Duration.ofSeconds(30));
        try (MySqlConnections one = MySqlConnections.forServing(tight);
             MySqlUserRecapAdapter adapter = adapter(one, RecordQueryMetricsPort.NONE)) {
            for (long id = 1; id <= 50; id++) {
                adapter.loadUserRecap(UserId.of(id));
            }
            java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 2_000; i++) {
                    long id = 1 + i % 400;
                    threads.submit(() -> {
                        try {
                            adapter.loadUserRecap(UserId.of(id));
                            served.incrementAndGet();
                        } catch (RecapStoreUnavailableException e) {
                            assertThat(e).hasMessageContaining("MySQL is saturated");
                            refused.incrementAndGet();
                        }
                    });
                }
            }
            assertThat(served.get() + refused.get()).isEqualTo(2_000);
            assertThat(served.get()).isPositive();
            assertThat(refused.get()).as("2,000 reads at once on one connection with 100 ms to spare").isPositive();
            assertThat(adapter.refusedReads()).isEqualTo(refused.get());
            assertThat(adapter.circuitState()).as("refusals are not failures of the database").isEqualTo("CLOSED");
        }
    }

    @Test
    void tool_connections_explain_each_refusal_in_one_line() throws Exception {
        MySqlSettings right = DATABASE.settings(1);
        MySqlSettings wrongPassword = new MySqlSettings(right.jdbcUrl(), right.database(), "forecap_nobody", "wrong",
                right.poolSize(), right.connectionTimeout(), right.queryTimeout());
        assertThatThrownBy(() -> MySqlConnections.forTools(wrongPassword, 1))
                .isInstanceOf(MySqlException.class).hasMessageContaining("refused user 'forecap_nobody'")
                .hasMessageNotContaining("wrong");
        MySqlSettings missingDatabase = MySqlSettings.of(ScratchDatabase.HOST, ScratchDatabase.PORT, "forecap_it_absent",
                "PREFERRED", ScratchDatabase.USER, ScratchDatabase.PASSWORD, 1, Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThatThrownBy(() -> MySqlConnections.forTools(missingDatabase, 1))
                .isInstanceOf(MySqlException.class).hasMessageContaining("database 'forecap_it_absent' does not exist");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> MySqlConnections.forTools(MySqlSettings.of("127.0.0.1", closedPort, "x", "DISABLED", "root",
                "", 1, Duration.ofSeconds(1), Duration.ofSeconds(1)), 1))
                .isInstanceOf(MySqlException.class).hasMessageStartingWith("cannot reach MySQL at 127.0.0.1:" + closedPort);
        try (ScratchDatabase empty = ScratchDatabase.named().create();
             MySqlConnections tools = MySqlConnections.forTools(empty.settings(1), 1)) {
            assertThatThrownBy(() -> new MySqlTestDataStore(tools, JSON).totals())
                    .hasMessageContaining("table user_recap_data does not exist").hasMessageContaining("forecap migrate");
        }
    }
}
