package com.forecap.bootstrap.scale;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.bootstrap.SignedClient;
import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.bootstrap.wiring.LoopbackService;
import com.forecap.bootstrap.wiring.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A MariaDB primary and a replica (binary log, {@code CHANGE MASTER TO}, {@code START SLAVE}) standing
 * in for the RDS writer and reader endpoints: the tools write to the writer, the service reads from
 * {@code MYSQL_READER_URL}, falls back to the writer while the replica is down, and goes back to the
 * replica once it is up again.
 */
class ReaderEndpointIT {

    /** Present on the replica only, so that an answer for it shows which server was read. */
    private static final long REPLICA_ONLY_USER = 900_001;
    private static PrivateMariaDbServer primary;
    private static PrivateMariaDbServer replica;

    @BeforeAll
    static void start() {
        primary = PrivateMariaDbServer.start("sslMode=DISABLED", "--server-id=1", "--log-bin=mysql-bin", "--binlog-format=ROW");
        replica = PrivateMariaDbServer.start("sslMode=DISABLED", "--server-id=2", "--read-only=ON", "--skip-log-bin");
        primary.execute("CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-pw'",
                "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'");
        replica.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='repl', MASTER_PASSWORD='repl-pw', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                "START SLAVE");
        primary.execute("CREATE DATABASE forecap_db CHARACTER SET utf8mb4",
                "CREATE USER 'forecap_user'@'127.0.0.1' IDENTIFIED BY 'user-pw'",
                "GRANT SELECT ON forecap_db.* TO 'forecap_user'@'127.0.0.1'");
        MySqlSettings tools = TestData.migrateAndGenerate(environment(), 300);
        assertThat(tools.server()).as("the tools write to the writer").isEqualTo("127.0.0.1:" + primary.port());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replicated() < 300) {
            assertThat(System.nanoTime()).as("replica caught up within 30 s").isLessThan(deadline);
            Engines.pause(100);
        }
        // a row the writer does not have (read_only does not bind root)
        replica.execute("CREATE TEMPORARY TABLE forecap_db.one AS SELECT * FROM forecap_db.user_recap_data WHERE user_id = 1",
                "UPDATE forecap_db.one SET user_id = " + REPLICA_ONLY_USER,
                "INSERT INTO forecap_db.user_recap_data SELECT * FROM forecap_db.one");
    }

    private static long replicated() {
        try {
            return replica.number("SELECT COUNT(*) FROM forecap_db.user_recap_data");
        } catch (IllegalStateException notYet) {
            return 0;
        }
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MYSQL_HOST", "127.0.0.1");
        environment.put("MYSQL_PORT", Integer.toString(primary.port()));
        environment.put("MYSQL_DATABASE", "forecap_db");
        environment.put("MYSQL_USER", "forecap_user");
        environment.put("MYSQL_PASSWORD", "user-pw");
        environment.put("MYSQL_TOOLS_USER", "root");
        environment.put("MYSQL_TOOLS_PASSWORD", "");
        environment.put("MYSQL_SSL_MODE", "DISABLED");
        environment.put("MYSQL_READER_URL", "jdbc:mysql://127.0.0.1:" + replica.port() + "/forecap_db?sslMode=DISABLED");
        return environment;
    }

    @Test
    void reads_go_to_the_reader_and_fall_back_to_the_writer_while_it_is_down() throws Exception {
        assertThat(ServiceSettings.from(ConfigLoader.load(environment(), Map.of())).database().orElseThrow().reader()).isPresent();
        RunningService service = LoopbackService.start(environment(),
                "forecap.mysql.connection-limit", "4", "forecap.cache.local.enabled", "false");
        try {
            SignedClient client = new SignedClient(service.port());
            assertThat(service.description()).contains("reader=127.0.0.1:" + replica.port());
            assertThat(client.recap(REPLICA_ONLY_USER).statusCode()).as("read from the replica").isEqualTo(200);
            assertThat(client.recap(7).statusCode()).isEqualTo(200);
            long writerSelects = primary.number("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_SELECT'");
            for (long id = 1; id <= 100; id++) {
                assertThat(client.recap(id).statusCode()).isEqualTo(200);
            }
            long writerSelectsAfter = primary.number("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_SELECT'");
            assertThat(writerSelectsAfter - writerSelects).as("reads that reached the writer (this query included)").isLessThan(5);

            replica.kill();
            int failures = 0;
            for (int round = 0; round < 3; round++) {
                for (long id = 1; id <= 100; id++) {
                    HttpResponse<String> answer = client.recap(id);
                    failures += answer.statusCode() == 200 ? 0 : 1;
                }
            }
            assertThat(failures).as("requests not answered while the replica was down").isZero();
            assertThat(client.recap(REPLICA_ONLY_USER).statusCode()).as("now read from the writer").isEqualTo(404);
            assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(client.get("/health").body()).contains("\"reading_from\":\"writer\"");

            replica.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status;
            do {
                Engines.pause(250);
                status = client.recap(REPLICA_ONLY_USER).statusCode();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).as("back on the replica").isEqualTo(200);
        } finally {
            service.close();
        }
    }
}
