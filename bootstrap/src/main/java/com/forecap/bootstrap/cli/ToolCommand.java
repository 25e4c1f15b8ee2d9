package com.forecap.bootstrap.cli;

import java.util.concurrent.Callable;

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
     * @param seed the synthetic data set's seed from {@code --seed}, or {@code null} for the configured one
     * @return the tools; close them when done
     */
    ForecapRoot.Tools tools(Long seed) {
        return ForecapRoot.tools(mysql.settings().withSeed(seed));
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
}
