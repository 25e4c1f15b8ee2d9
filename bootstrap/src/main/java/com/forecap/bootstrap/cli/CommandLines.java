package com.forecap.bootstrap.cli;

import java.io.PrintWriter;

import com.forecap.adapter.out.mysql.MySqlException;
import com.forecap.application.importing.port.in.ImportFileException;
import com.forecap.application.shared.port.out.StoreException;
import com.forecap.bootstrap.config.ConfigurationException;
import picocli.CommandLine;

/** Builds the command line with error handling that prints one clear line instead of a stack trace. */
public final class CommandLines {

    /** Exit code for wrong configuration or usage. */
    public static final int USAGE = 2;
    /** Exit code for a failure while working. */
    public static final int FAILURE = 1;

    private CommandLines() {
    }

    /**
     * Creates the {@code forecap} command line.
     *
     * @param serve the serve command instance, so the caller can see whether it started
     * @return the command line
     */
    public static CommandLine create(ServeCommand serve) {
        CommandLine cli = new CommandLine(new ForecapCommand(serve));
        cli.addSubcommand(serve);
        cli.addSubcommand(new MigrateCommand());
        cli.addSubcommand(new GenerateCommand());
        cli.addSubcommand(new VerifyCommand());
        cli.addSubcommand(new WarmCacheCli());
        cli.addSubcommand(new ImportCommand());
        cli.addSubcommand(new CacheDictionaryCommand());
        cli.addSubcommand(new SignCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("forecap " + failed.getCommandName() + ": " + e.getMessage()
                    + " (see: forecap " + (failed == cli ? "" : failed.getCommandName() + " ") + "--help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigurationException) {
                err.println("forecap: configuration error: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof MySqlException || e instanceof StoreException
                    || e instanceof ImportFileException) {
                err.println("forecap " + commandLine.getCommandName() + ": " + e.getMessage());
                return FAILURE;
            }
            err.println("forecap: " + commandLine.getCommandName() + " failed: " + describe(e));
            return FAILURE;
        });
        return cli;
    }

    /**
     * One line about a failure and its root cause, without a stack trace.
     *
     * @param e the failure
     * @return the description
     */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }
}
