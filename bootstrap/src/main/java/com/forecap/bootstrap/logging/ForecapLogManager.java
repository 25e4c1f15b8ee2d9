package com.forecap.bootstrap.logging;

import java.util.logging.LogManager;

/**
 * A JUL log manager that keeps its handlers through JVM shutdown until the service has logged its
 * last lines. The JDK's own shutdown hook resets logging while other hooks still run, which would
 * silently drop the "stopping"/"stopped" lines of a graceful shutdown.
 */
public final class ForecapLogManager extends LogManager {

    private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

    private volatile boolean finished;

    /** Called by the JDK when {@code java.util.logging.manager} names this class. */
    public ForecapLogManager() {
        super();
    }

    @Override
    public void reset() {
        if (!finished && JDK_CLEANER.equals(Thread.currentThread().getClass().getName())) {
            return;
        }
        super.reset();
    }

    /** Flushes and closes the handlers after the last line; call from the service's shutdown hook. */
    public static void finish() {
        if (LogManager.getLogManager() instanceof ForecapLogManager manager) {
            manager.finished = true;
            manager.reset();
        }
    }
}
