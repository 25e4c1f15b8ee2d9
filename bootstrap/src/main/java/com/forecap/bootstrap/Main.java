package com.forecap.bootstrap;

import java.util.logging.Handler;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;

import com.forecap.bootstrap.cli.CommandLines;
import com.forecap.bootstrap.cli.ServeCommand;
import com.forecap.bootstrap.logging.ForecapLogManager;
import com.forecap.bootstrap.logging.JsonLogFormatter;

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
        useLogFormat(System.getenv("LOG_FORMAT"));
        ServeCommand serve = new ServeCommand();
        int exitCode = CommandLines.create(serve).execute(args);
        if (exitCode != 0 || !serve.serving()) {
            System.exit(exitCode);
        }
    }

    /**
     * Chooses the log line format: {@code json} (the default for {@code serve}: one object per line,
     * for log collectors) or {@code text} (one readable line).
     *
     * @param format the {@code LOG_FORMAT} value, may be {@code null}
     */
    static void useLogFormat(String format) {
        if ("text".equalsIgnoreCase(format)) {
            return;
        }
        JsonLogFormatter json = new JsonLogFormatter();
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(json);
        }
    }
}
