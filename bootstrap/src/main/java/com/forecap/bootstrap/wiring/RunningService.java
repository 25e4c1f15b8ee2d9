package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.WebServer;

/**
 * A started service: its server and the resources to release after the server stopped. Stopping lets
 * in-flight requests finish (within the server's shutdown grace period) before pools are closed.
 */
public final class RunningService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunningService.class.getName());

    private final WebServer server;
    private final List<AutoCloseable> resources;
    private final String description;

    RunningService(WebServer server, List<AutoCloseable> resources, String description) {
        this.server = server;
        this.resources = new ArrayList<>(resources);
        this.description = description;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * What runs: mode, data size and scheme, for logs.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /** Stops the server, then closes resources in reverse order of creation. Idempotent. */
    @Override
    public synchronized void close() {
        if (server.isRunning()) {
            server.stop();
        }
        closeAll(resources);
    }

    /**
     * Closes resources in reverse order of creation, logging (not throwing) failures, and empties the list.
     *
     * @param resources the resources
     */
    static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resources.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        resources.clear();
    }
}
