package com.forecap.bootstrap.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ToolSettings;
import picocli.CommandLine.Option;

/**
 * Where the tools find MySQL: the service's configuration ({@code MYSQL_HOST}, {@code MYSQL_USER}, …,
 * or {@code MYSQL_TOOLS_USER}/{@code MYSQL_TOOLS_PASSWORD} for an account of their own), overridden by
 * these options. Passwords come from the environment only.
 */
public final class MySqlOptions {

    @Option(names = "--host", description = "MySQL host (default: MYSQL_HOST, else 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "MySQL port (default: MYSQL_PORT, else 3306)")
    Integer port;

    @Option(names = "--database", description = "database (default: MYSQL_DATABASE, else forecap_db)")
    String database;

    @Option(names = "--user", description = "user (default: MYSQL_TOOLS_USER, else MYSQL_USER, else forecap_user); "
            + "the password is read from MYSQL_TOOLS_PASSWORD or MYSQL_PASSWORD")
    String user;

    /**
     * The tools' settings, read once from the configuration with these options applied.
     *
     * @param parts what the command uses
     * @param seed  the command's {@code --seed}, or {@code null}
     * @return the settings
     */
    ToolSettings settings(Set<ToolSettings.Part> parts, Long seed) {
        Map<String, String> overrides = new HashMap<>();
        if (host != null) {
            overrides.put("forecap.mysql.host", host);
            overrides.put("forecap.mysql.url", "");
        }
        if (port != null) {
            overrides.put("forecap.mysql.port", port.toString());
        }
        if (database != null) {
            overrides.put("forecap.mysql.database", database);
        }
        if (user != null) {
            overrides.put("forecap.mysql.tools-user", user);
            overrides.put("forecap.mysql.user", user);
        }
        return ToolSettings.from(ConfigLoader.load(System.getenv(), overrides), parts, seed);
    }
}
