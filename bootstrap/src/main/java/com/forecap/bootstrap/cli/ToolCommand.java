package com.forecap.bootstrap.cli;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.bootstrap.wiring.ForecapRoot;
import com.forecap.bootstrap.wiring.Tools;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that works on the stored data, with the composition root's tools. It finds MySQL where the
 * service does ({@code MYSQL_HOST}, {@code MYSQL_USER}, …, or {@code MYSQL_TOOLS_USER}/{@code
 * MYSQL_TOOLS_PASSWORD} for an account of its own), unless these options say otherwise; passwords come
 * from the environment only.
 */
abstract class ToolCommand implements Callable<Integer> {

    @Option(names = "--host", description = "MySQL host (default: MYSQL_HOST, else 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "MySQL port (default: MYSQL_PORT, else 3306)")
    Integer port;

    @Option(names = "--database", description = "database (default: MYSQL_DATABASE, else forecap_db)")
    String database;

    @Option(names = "--user", description = "user (default: MYSQL_TOOLS_USER, else MYSQL_USER, else forecap_user); "
            + "the password is read from MYSQL_TOOLS_PASSWORD or MYSQL_PASSWORD")
    String user;

    @Spec
    CommandSpec spec;

    /**
     * The tools, built from the settings read once from the configuration with the options above applied.
     *
     * @param seed  the synthetic data set's seed from {@code --seed}, or {@code null} for the configured one
     * @param first what the command uses of the configuration
     * @param more  more of it
     * @return the tools; close them when done
     */
    Tools tools(Long seed, ToolSettings.Part first, ToolSettings.Part... more) {
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
        return ForecapRoot.tools(ToolSettings.from(ConfigLoader.load(System.getenv(), overrides), EnumSet.of(first, more),
                seed));
    }

    /**
     * A usage error, reported as one line with a pointer to the command's help.
     *
     * @param message what is wrong
     * @return the exception to throw
     */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Runs work that an interruption (Ctrl-C, SIGTERM) leaves resumable, and says so on standard error
     * if one comes.
     *
     * @param kept what an interruption keeps, e.g. {@code committed chunk}
     * @param work the work
     * @param <T>  its result's type
     * @return its result
     */
    static <T> T resumable(String kept, Supplier<T> work) {
        Thread interrupted = Thread.ofPlatform().unstarted(() -> System.err.println(
                "interrupted: every " + kept + " is stored; run the same command again to resume"));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            return work.get();
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
    }
}
