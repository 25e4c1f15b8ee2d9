package com.forecap.bootstrap;

import java.time.Duration;
import java.util.Map;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator, verify and migrate commands of the jar against the local MariaDB, as the guide runs them. */
class GeneratorJarIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private final ScratchDatabase database = ScratchDatabase.named();

    @AfterEach
    void drop() {
        database.close();
    }

    private Map<String, String> env() {
        return database.environment();
    }

    private JarProcess run(String... args) {
        return JarProcess.start(env(), args);
    }

    @Test
    void migrate_generate_and_verify_like_the_guide() throws Exception {
        try (JarProcess migrate = run("migrate")) {
            assertThat(migrate.awaitExit(LIMIT)).isZero();
            assertThat(migrate.output()).contains("applied schema versions [1] to " + database.name());
        }
        try (JarProcess generate = run("generate-test-data", "3000", "--threads", "2")) {
            assertThat(generate.awaitExit(LIMIT)).as(generate.output()).isZero();
            assertThat(generate.output()).contains("3,000 written, 0 already present");
        }
        try (JarProcess again = run("generate-test-data", "3000")) {
            assertThat(again.awaitExit(LIMIT)).isZero();
            assertThat(again.output()).contains("0 written, 3,000 already present");
        }
        try (JarProcess verify = run("verify-test-data", "--expect", "3000")) {
            assertThat(verify.awaitExit(LIMIT)).as(verify.output()).isZero();
            assertThat(verify.output()).contains("3,000 users").contains("trx_range").contains("201+")
                    .contains("sample users").containsPattern("\\s1000\\s").contains("OK: count, distribution and sample users");
        }
        ScratchDatabase.execute("DELETE FROM `" + database.name() + "`.user_recap_data WHERE user_id BETWEEN 10 AND 19");
        try (JarProcess verify = run("verify-test-data")) {
            assertThat(verify.awaitExit(LIMIT)).isEqualTo(1);
            assertThat(verify.output()).contains("FAILED: 2,990 users stored but 3,000 expected");
        }
    }

    @Test
    void a_killed_run_resumes_to_exactly_n_users_with_valid_shares() throws Exception {
        try (JarProcess migrate = run("migrate")) {
            assertThat(migrate.awaitExit(LIMIT)).isZero();
        }
        int users = 400_000;
        try (JarProcess generate = run("generate-test-data", Integer.toString(users), "--chunk-size", "20000")) {
            generate.awaitLine("rows/s", LIMIT);
            generate.kill();
            generate.awaitExit(Duration.ofSeconds(10));
        }
        long stored = count();
        assertThat(stored % 20_000).as("only whole chunks are stored").isZero();
        try (JarProcess resume = run("generate-test-data", Integer.toString(users), "--chunk-size", "20000")) {
            assertThat(resume.awaitExit(LIMIT)).as(resume.output()).isZero();
            assertThat(resume.output()).contains(String.format(java.util.Locale.ROOT, "%,d already present", stored));
        }
        assertThat(count()).isEqualTo(users);
        try (JarProcess verify = run("verify-test-data", "--expect", Integer.toString(users))) {
            assertThat(verify.awaitExit(LIMIT)).as(verify.output()).isZero();
        }
    }

    @Test
    void a_run_stopped_with_sigterm_keeps_whole_chunks_and_says_how_to_resume() throws Exception {
        try (JarProcess migrate = run("migrate")) {
            assertThat(migrate.awaitExit(LIMIT)).isZero();
        }
        try (JarProcess generate = run("generate-test-data", "400000", "--chunk-size", "20000")) {
            generate.awaitLine("rows/s", LIMIT);
            generate.terminate();
            assertThat(generate.awaitExit(Duration.ofSeconds(10))).isNotZero();
            assertThat(generate.output())
                    .contains("interrupted: every completed chunk is stored; run the same command again to resume");
        }
        assertThat(count() % 20_000).as("only whole chunks are stored").isZero();
    }

    @Test
    void bad_input_is_one_clear_line_and_a_non_zero_exit() throws Exception {
        for (String[] args : new String[][] {{"generate-test-data", "abc"}, {"generate-test-data", "--", "-5"},
            {"generate-test-data", "0"}, {"generate-test-data", "10", "--threads", "0"}}) {
            try (JarProcess bad = run(args)) {
                assertThat(bad.awaitExit(LIMIT)).as(String.join(" ", args)).isEqualTo(2);
                assertThat(bad.output()).contains("forecap generate-test-data:").doesNotContain("\tat ");
            }
        }
        database.create();
        try (JarProcess noSchema = run("generate-test-data", "10")) {
            assertThat(noSchema.awaitExit(LIMIT)).isEqualTo(1);
            assertThat(noSchema.output()).contains("table user_recap_data does not exist").contains("forecap migrate")
                    .doesNotContain("\tat ");
        }
        Map<String, String> wrong = env();
        wrong.put("MYSQL_PASSWORD", "not-the-password");
        wrong.put("MYSQL_USER", "forecap_nobody");
        try (JarProcess denied = JarProcess.start(wrong, "generate-test-data", "10")) {
            assertThat(denied.awaitExit(LIMIT)).isEqualTo(1);
            assertThat(denied.output()).contains("refused user 'forecap_nobody'").doesNotContain("not-the-password");
        }
        Map<String, String> unreachable = env();
        unreachable.put("MYSQL_PORT", Integer.toString(JarProcess.freePort()));
        try (JarProcess down = JarProcess.start(unreachable, "verify-test-data")) {
            assertThat(down.awaitExit(LIMIT)).isEqualTo(1);
            assertThat(down.output()).contains("cannot reach MySQL at");
        }
    }

    private long count() {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT
                + "/" + database.name() + "?allowPublicKeyRetrieval=true", ScratchDatabase.USER, ScratchDatabase.PASSWORD);
             var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM user_recap_data")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
