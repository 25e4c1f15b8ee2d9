package com.forecap.bootstrap.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code forecap} command: without a subcommand it serves. */
@Command(name = "forecap", mixinStandardHelpOptions = true, version = "forecap 1.0.0",
        description = "Forecap recap service and its tools.")
public final class ForecapCommand implements Callable<Integer> {

    private final ServeCommand serve;

    /**
     * Creates the root command.
     *
     * @param serve the command run when no subcommand is given
     */
    public ForecapCommand(ServeCommand serve) {
        this.serve = serve;
    }

    @Override
    public Integer call() {
        return serve.call();
    }
}
