package com.forecap.bootstrap;

import io.helidon.logging.common.LogConfig;

import com.forecap.bootstrap.cli.CommandLines;
import com.forecap.bootstrap.cli.ServeCommand;

/** Entry point of {@code forecap.jar}. */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command line; {@code serve} (the default) keeps running, every other command exits with
     * its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", ForecapLogManager.class.getName());
        LogConfig.configureRuntime();
        ServeCommand serve = new ServeCommand();
        int exitCode = CommandLines.create(serve).execute(args);
        if (exitCode != 0 || !serve.serving()) {
            System.exit(exitCode);
        }
    }
}
