package com.forecap.bootstrap.cli;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;

import com.forecap.bootstrap.logging.ForecapLogManager;
import com.forecap.bootstrap.wiring.ForecapRoot;
import com.forecap.bootstrap.wiring.RunningService;
import com.forecap.bootstrap.config.ConfigLoader;
import com.forecap.bootstrap.config.ServiceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forecap serve}: starts the HTTP service and keeps it running until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the recap service (the default command). Configuration comes from "
                + "application.yaml, environment variables and -D system properties; see README.md.")
public final class ServeCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    private volatile boolean serving;

    @Option(names = "--exit-after-warm-up", description = "Start, fill the pools, run the start-up warm-up, then stop: "
            + "the training run of the JDK's ahead-of-time cache (java -XX:AOTCacheOutput=forecap.aot ...; "
            + "README, Running the jar).")
    private boolean exitAfterWarmUp;

    @Override
    public Integer call() {
        RunningService service = ForecapRoot.serve(ServiceSettings.from(ConfigLoader.load()));
        if (exitAfterWarmUp) {
            service.close();
            LOG.log(Level.INFO, "stopped after the warm-up (--exit-after-warm-up)");
            return 0;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("forecap-shutdown").unstarted(() -> {
            LOG.log(Level.INFO, "stopping: finishing in-flight requests");
            service.close();
            LOG.log(Level.INFO, "stopped");
            ForecapLogManager.finish();
        }));
        serving = true;
        return 0;
    }

    /**
     * Whether the server was started and keeps the process alive.
     *
     * @return {@code true} after a successful start
     */
    public boolean serving() {
        return serving;
    }
}
