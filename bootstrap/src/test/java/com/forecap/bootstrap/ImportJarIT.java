package com.forecap.bootstrap;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.forecap.adapter.out.mysql.testing.ScratchDatabase;
import com.forecap.adapter.out.redis.testing.PrivateRedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code forecap import} and {@code forecap cache-dictionary train} as an operator runs them, on a scratch database. */
class ImportJarIT {

    private static final Duration LIMIT = Duration.ofSeconds(50);
    private final ScratchDatabase database = ScratchDatabase.named();
    private PrivateRedisServer redis;

    @TempDir
    Path dir;

    @BeforeEach
    void migrate() throws Exception {
        try (JarProcess migrate = JarProcess.start(database.environment(), "migrate")) {
            assertThat(migrate.awaitExit(LIMIT)).as(migrate.output()).isZero();
        }
    }

    @AfterEach
    void drop() {
        if (redis != null) {
            redis.close();
        }
        database.close();
    }

    private JarProcess run(Map<String, String> env, String... args) {
        return JarProcess.start(env, args);
    }

    private String runOk(Map<String, String> env, int expectedExit, String... args) throws InterruptedException {
        try (JarProcess jar = run(env, args)) {
            int exit = jar.awaitExit(LIMIT);
            assertThat(exit).as(jar.output()).isEqualTo(expectedExit);
            assertThat(jar.output()).doesNotContain("\tat ");
            return jar.output();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/"
                + database.name() + "?allowPublicKeyRetrieval=true", ScratchDatabase.USER, ScratchDatabase.PASSWORD);
    }

    private Map<String, Object> user(long id) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM user_recap_data WHERE user_id = " + id)) {
            if (!rows.next()) {
                return null;
            }
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
            }
            return row;
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void every_format_loads_the_good_rows_and_rejects_the_bad_ones_with_line_column_and_reason() throws Exception {
        // data row index -> position of rows 104, 105, (no id), 4294967296 in each format
        Map<String, int[]> positions = Map.of(
                "example.csv", new int[] {6, 7, 8, 11},
                "example.tsv", new int[] {6, 7, 8, 11},
                "example.csv.gz", new int[] {6, 7, 8, 11},
                "example.xlsx", new int[] {5, 6, 7, 10},
                "example.jsonl", new int[] {4, 5, 6, 9});
        for (String name : List.of("example.csv", "example.tsv", "example.csv.gz", "example.xlsx", "example.jsonl")) {
            execute("TRUNCATE TABLE user_recap_data");
            Path file = name.endsWith(".gz") ? ImportFiles.gzip(ImportFiles.example(dir.resolve("plain.csv")), dir.resolve(name))
                    : ImportFiles.example(dir.resolve(name));
            String output = runOk(database.environment(), 3, "import", file.toString());
            assertThat(output).as(name).contains("9 rows, 5 valid, 5 stored", "4 rejected", "1 repeated user_id (the later row wins)",
                    "4 rows rejected, more than --max-rejects 0 allows");
            assertThat(query("SELECT COUNT(*) FROM user_recap_data")).as(name).isEqualTo(4);
            Map<String, Object> budi = user(101);
            assertThat(budi.get("user_name")).as(name).isEqualTo("Budi \"Kopi\" Santoso \uD83D\uDE00 (updated)");
            assertThat(((Number) budi.get("trx_count")).longValue()).isEqualTo(13);
            Map<String, Object> siti = user(102);
            assertThat(((Number) siti.get("trx_count")).longValue()).as(name).isZero();
            assertThat(siti.get("variant_count")).isNull();
            assertThat(siti.get("cheaper_subs_amount")).isNull();
            assertThat(siti.get("list_product_favorite")).isNull();
            Map<String, Object> ana = user(103);
            assertThat(ana.get("user_name")).as(name).isEqualTo("Ana\nMaria");
            assertThat(((Number) ana.get("trx_count")).longValue()).isEqualTo(4_294_967_295L);
            assertThat((BigDecimal) ana.get("cheaper_subs_amount")).isEqualByComparingTo("9999999999.99");
            Map<String, Object> dewi = user(106);
            assertThat(dewi.get("list_product_favorite").toString()).as(name).contains("less ice", "notes");
            assertThat((BigDecimal) dewi.get("cheaper_subs_amount")).isEqualByComparingTo("0.1");
            assertThat(user(104)).isNull();
            Path rejects = dir.resolve(name + ".rejects.csv");
            String text = Files.readString(rejects, StandardCharsets.UTF_8);
            int[] at = positions.get(name);
            assertThat(text).as(name).startsWith(name.endsWith(".xlsx") ? "sheet_row,user_id,column,reason\n" : "line,user_id,column,reason\n")
                    .contains(at[0] + ",104,trx_count,\"must be a whole number 0..4294967295, was '-5'\"")
                    .contains(at[1] + ",105,cheaper_subs_amount,\"more than 2 decimals (DECIMAL(12,2)), was 12.345\"")
                    .contains(at[1] + ",105,list_circular_images,\"not a JSON array")
                    .contains(at[2] + ",,user_id,required")
                    .contains(at[3] + ",4294967296,user_id,\"must be at most 4294967295 (INT UNSIGNED), was 4294967296\"");
            assertThat(text.lines().count()).as(name).isEqualTo(6);
        }
    }

    @Test
    void rejects_allowance_dry_run_and_one_line_errors() throws Exception {
        Path csv = ImportFiles.example(dir.resolve("example.csv"));
        Path rejects = dir.resolve("custom-rejects.csv");
        assertThat(runOk(database.environment(), 0, "import", csv.toString(), "--max-rejects", "4", "--rejects", rejects.toString()))
                .contains("4 rejected (see " + rejects + ")");
        assertThat(rejects).exists();
        Map<String, String> noDatabase = new HashMap<>(database.environment());
        noDatabase.put("MYSQL_PORT", "1");
        assertThat(runOk(noDatabase, 3, "import", "--dry-run", csv.toString()))
                .contains("9 rows, 5 valid, nothing stored (dry run), 4 rejected");
        assertThat(runOk(noDatabase, 1, "import", csv.toString())).contains("cannot reach MySQL at 127.0.0.1:1");
        assertThat(runOk(database.environment(), 1, "import", dir.resolve("missing.csv").toString()))
                .contains("missing.csv: no such file");
        Path text = Files.writeString(dir.resolve("notes.txt"), "user_id,user_name\n1,a\n");
        assertThat(runOk(database.environment(), 1, "import", text.toString())).contains("notes.txt: unknown format");
        Path notXlsx = Files.writeString(dir.resolve("fake.xlsx"), "user_id,user_name\n1,a\n");
        assertThat(runOk(database.environment(), 1, "import", notXlsx.toString())).contains("fake.xlsx:");
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "user_id,user_name,favourite_colour\n7,Tono,blue\n");
        assertThat(runOk(database.environment(), 1, "import", unknown.toString()))
                .contains("unknown column 'favourite_colour'", "--ignore-unknown-columns");
        assertThat(runOk(database.environment(), 0, "import", unknown.toString(), "--ignore-unknown-columns"))
                .contains("1 stored", "ignored columns favourite_colour");
        assertThat(user(7).get("user_name")).isEqualTo("Tono");
    }

    @Test
    void the_rejects_file_names_the_true_reason_for_every_kind_of_broken_row() throws Exception {
        Map<String, String> noDatabase = new HashMap<>(database.environment());
        noDatabase.put("MYSQL_PORT", "1");
        Path jsonl = Files.writeString(dir.resolve("broken.jsonl"), String.join("\n",
                "{\"user_id\":1,\"user_name\":\"Ana\"}", "[1,2]", "\"text\"", "42", "{\"user_id\":2", "{\"user_id\":3} {}",
                "{\"user_id\":4,\"user_name\":\"Budi\"}") + "\n");
        assertThat(runOk(noDatabase, 3, "import", "--dry-run", jsonl.toString())).contains("7 rows, 2 valid", "5 rejected");
        assertThat(Files.readAllLines(dir.resolve("broken.jsonl.rejects.csv"))).containsExactly("line,user_id,column,reason",
                "2,,,not a JSON object", "3,,,not a JSON object", "4,,,not a JSON object",
                "5,,,\"not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED "
                        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])\"",
                "6,,,text after the JSON object");
        Path csv = Files.writeString(dir.resolve("broken.csv"), "user_id,user_name\n1,Ana\n2,Budi,extra\n3,Cici,,\n");
        assertThat(runOk(noDatabase, 3, "import", "--dry-run", csv.toString())).contains("3 rows, 2 valid", "1 rejected");
        assertThat(Files.readAllLines(dir.resolve("broken.csv.rejects.csv")))
                .containsExactly("line,user_id,column,reason", "3,2,,column 3 beyond the header");
    }

    @Test
    void a_reimport_replaces_users_by_id() throws Exception {
        runOk(database.environment(), 0, "import", ImportFiles.example(dir.resolve("example.csv")).toString(), "--max-rejects", "9");
        Path update = Files.writeString(dir.resolve("update.csv"),
                "userId,userName,trxCount,listFavoriteStore\n102,Siti Rahma,21,\"[{\"\"storeName\"\":\"\"Kemang\"\"}]\"\n");
        assertThat(runOk(database.environment(), 0, "import", update.toString())).contains("1 stored");
        Map<String, Object> siti = user(102);
        assertThat(siti.get("user_name")).isEqualTo("Siti Rahma");
        assertThat(((Number) siti.get("trx_count")).longValue()).isEqualTo(21);
        assertThat(siti.get("list_favorite_store").toString()).contains("Kemang");
        assertThat(user(101).get("user_name").toString()).endsWith("(updated)");
        assertThat(query("SELECT COUNT(*) FROM user_recap_data")).isEqualTo(4);
    }

    @Test
    void an_import_killed_midway_resumes_without_duplicates_or_half_chunks() throws Exception {
        Path big = dir.resolve("big.csv");
        runOk(Map.of(), 0, "generate-test-data", "60000", "--to-file", big.toString());
        try (JarProcess first = run(database.environment(), "import", big.toString(), "--chunk-size", "2000")) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long done = 0;
            while (done < 6_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                try {
                    done = query("SELECT COALESCE(MAX(rows_done), 0) FROM forecap_import_progress");
                } catch (SQLException notYet) {
                    done = 0;
                }
            }
            first.kill();
            first.awaitExit(LIMIT);
        }
        long stored = query("SELECT COUNT(*) FROM user_recap_data");
        long committed = query("SELECT rows_done FROM forecap_import_progress");
        assertThat(stored).isEqualTo(committed).isLessThan(60_000).isPositive();
        assertThat(stored % 2_000).isZero();
        String second = runOk(database.environment(), 0, "import", big.toString(), "--chunk-size", "2000");
        assertThat(second).contains("60,000 rows, 60,000 valid", "stored by an earlier run (resumed)");
        assertThat(query("SELECT COUNT(*) FROM user_recap_data")).isEqualTo(60_000);
        assertThat(query("SELECT COUNT(*) FROM forecap_import_progress")).isZero();
        assertThat(runOk(database.environment(), 0, "verify-test-data", "--expect", "60000")).contains("OK");
    }

    private Map<String, String> withRedis() {
        redis = PrivateRedisServer.start();
        Map<String, String> env = database.environment();
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        return env;
    }

    @Test
    void invalidate_cache_deletes_the_entries_of_the_imported_users() throws Exception {
        Map<String, String> env = withRedis();
        runOk(env, 0, "generate-test-data", "300");
        runOk(env, 0, "warm-cache", "--ids", "1-300");
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(jedis.dbSize()).isEqualTo(300);
            jedis.set("unrelated", "kept");
            String output = runOk(env, 0, "import", ImportFiles.example(dir.resolve("example.csv")).toString(),
                    "--max-rejects", "4", "--invalidate-cache");
            assertThat(output).contains("4 cache entries deleted");
            assertThat(jedis.exists("user:recap:101")).isFalse();
            assertThat(jedis.exists("user:recap:102")).isFalse();
            assertThat(jedis.exists("user:recap:106")).isFalse();
            assertThat(jedis.exists("user:recap:100")).isTrue();
            assertThat(jedis.get("unrelated")).isEqualTo("kept");
            assertThat(jedis.dbSize()).isEqualTo(300 - 4 + 1);
        }
        Map<String, String> noRedis = new HashMap<>(env);
        noRedis.remove("REDIS_HOST");
        assertThat(runOk(noRedis, 2, "import", dir.resolve("example.csv").toString(), "--invalidate-cache"))
                .contains("--invalidate-cache needs Redis");
    }

    @Test
    void a_trained_dictionary_is_used_by_the_next_instance() throws Exception {
        Map<String, String> env = withRedis();
        runOk(env, 0, "generate-test-data", "3000");
        String trained = runOk(env, 0, "cache-dictionary", "train", "--sample", "1000");
        Matcher id = Pattern.compile("stored dictionary (\\d+)").matcher(trained);
        assertThat(id.find()).as(trained).isTrue();
        assertThat(trained).contains("replaces built-in:", "bytes per cached user on 250 held-out recaps");
        int port = JarProcess.freePort();
        env.put("PORT", Integer.toString(port));
        try (JarProcess service = run(env)) {
            String started = service.awaitLine("started", LIMIT);
            assertThat(started).contains("dictionary=stored:" + id.group(1));
            assertThat(new SignedClient(port).recap(42).statusCode()).isEqualTo(200);
            assertThat(new SignedClient(port).recap(42).statusCode()).isEqualTo(200);
        }
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            byte[] entry = jedis.get("user:recap:42".getBytes(StandardCharsets.UTF_8));
            assertThat(entry).isNotNull();
            assertThat(com.github.luben.zstd.Zstd.getDictIdFromFrame(java.util.Arrays.copyOfRange(entry, 1, entry.length)))
                    .isEqualTo(Long.parseLong(id.group(1)));
        }
    }
}
