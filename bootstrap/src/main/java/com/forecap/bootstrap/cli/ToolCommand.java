package com.forecap.bootstrap.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.bootstrap.wiring.ForecapRoot;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that works on the stored data: where MySQL is, and the composition root's tools built from it. */
abstract class ToolCommand implements Callable<Integer> {

    @Mixin
    MySqlOptions mysql;

    @Spec
    CommandSpec spec;

    /**
     * The tools, built from the configuration with the MySQL options applied.
     *
     * @param seed  the synthetic data set's seed from {@code --seed}, or {@code null} for the configured one
     * @param first what the command uses of the configuration
     * @param more  more of it
     * @return the tools; close them when done
     */
    ForecapRoot.Tools tools(Long seed, ToolSettings.Part first, ToolSettings.Part... more) {
        return ForecapRoot.tools(mysql.settings(EnumSet.of(first, more), seed));
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
