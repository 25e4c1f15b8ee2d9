package com.forecap.adapter.out.mysql.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSchema;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlTestDataStore;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.testdata.service.GenerateTestDataService;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;

/**
 * A database of its own on the local MariaDB/MySQL (root with an empty password on 127.0.0.1:3306
 * unless {@code FORECAP_IT_MYSQL_HOST/PORT/USER/PASSWORD} say otherwise), dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {

    /** Host of the test server. */
    public static final String HOST = env("FORECAP_IT_MYSQL_HOST", "127.0.0.1");
    /** Port of the test server. */
    public static final int PORT = Integer.parseInt(env("FORECAP_IT_MYSQL_PORT", "3306"));
    /** Administrative user of the test server. */
    public static final String USER = env("FORECAP_IT_MYSQL_USER", "root");
    /** Its password. */
    public static final String PASSWORD = env("FORECAP_IT_MYSQL_PASSWORD", "");

    private final String name;

    private ScratchDatabase(String name) {
        this.name = name;
    }

    /**
     * Names a new scratch database; it is created by the code under test (migrate) or by {@link #create()}.
     *
     * @return the database handle
     */
    public static ScratchDatabase named() {
        return new ScratchDatabase("forecap_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT));
    }

    /**
     * Creates the database (empty).
     *
     * @return this
     */
    public ScratchDatabase create() {
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        return this;
    }

    /**
     * The database name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Settings pointing at this database as the administrative user.
     *
     * @param poolSize pool size
     * @return the settings
     */
    public MySqlSettings settings(int poolSize) {
        return MySqlSettings.of(HOST, PORT, name, "PREFERRED", USER, PASSWORD, poolSize, Duration.ofSeconds(2),
                Duration.ofSeconds(30));
    }

    /**
     * The original service's variables pointing at this database, as a service or tool would get them.
     *
     * @return a mutable map of {@code MYSQL_*} variables
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MYSQL_HOST", HOST);
        environment.put("MYSQL_PORT", Integer.toString(PORT));
        environment.put("MYSQL_DATABASE", name);
        environment.put("MYSQL_USER", USER);
        environment.put("MYSQL_PASSWORD", PASSWORD);
        return environment;
    }

    /**
     * Creates the schema and stores users 1..{@code users} of the synthetic data set.
     *
     * @param users how many
     * @return this
     */
    public ScratchDatabase withUsers(int users) {
        new MySqlSchema(settings(2)).migrate();
        try (MySqlConnections tools = MySqlConnections.forTools(settings(2), 3)) {
            new GenerateTestDataService(new MySqlTestDataStore(tools, new JacksonRecapJson()),
                    new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED), ReportProgressPort.NONE, 1_000)
                    .generate(new GenerateTestDataCommand(IdRange.startingAt(1, users), 2, false));
        }
        return this;
    }

    /**
     * Runs a statement against the server (not inside the database unless it says so).
     *
     * @param sql the statement
     */
    public static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/?allowPublicKeyRetrieval=true",
                USER, PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS `" + name + "`");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
