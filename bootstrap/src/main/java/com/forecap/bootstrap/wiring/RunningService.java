package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;

import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.bootstrap.config.ServiceSettings;

/**
 * A started service: its server and the resources to release after the server stopped. Stopping lets
 * in-flight requests finish (within the server's shutdown grace period) before pools are closed.
 */
public final class RunningService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunningService.class.getName());

    private final WebServer server;
    private final ConnectionGuard guard;
    private final List<AutoCloseable> resources;
    private final String description;
    private final AtomicBoolean draining;
    private final Duration drain;
    private final Duration closeNotice;

    RunningService(WebServer server, ConnectionGuard guard, List<AutoCloseable> resources, String description, AtomicBoolean draining,
                   ServiceSettings.ShutdownSettings shutdown) {
        this.server = server;
        this.guard = guard;
        this.resources = new ArrayList<>(resources);
        this.description = description;
        this.draining = draining;
        this.drain = shutdown.drain();
        this.closeNotice = shutdown.closeNotice();
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

    /**
     * Stops: readiness turns to 503 at once and from then on every answer carries
     * {@code Connection: close} and its connection is closed after it. After the drain delay (time for a
     * load balancer to notice), and at least the close notice (time for a client in a keep-alive exchange
     * to get such an answer), the server stops accepting, closes the connections that wait for a request,
     * lets in-flight requests finish within its shutdown grace period, and resources are closed in
     * reverse order of creation. A connection accepted shortly before, that has not started a request
     * yet, is not taken for idle: it gets the close notice, counted from its accept, to start one, which
     * is then answered. Idempotent.
     */
    @Override
    public synchronized void close() {
        draining.set(true);
        Duration wait = drain.compareTo(closeNotice) >= 0 ? drain : closeNotice;
        if (server.isRunning() && !wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server.isRunning()) {
            guard.stopping(closeNotice);
            server.stop();
        }
        RuntimeException failure = closeAll(resources);
        if (failure != null) {
            LOG.log(Level.WARNING, "closing the service's clients failed: " + failure);
            for (Throwable more : failure.getSuppressed()) {
                LOG.log(Level.WARNING, "closing the service's clients failed: " + more);
            }
        }
    }

    /**
     * Closes resources in reverse order of creation and empties the list; every one is closed whatever
     * the others do.
     *
     * @param resources the resources
     * @return the first failure, the later ones suppressed in it, or {@code null}
     */
    static RuntimeException closeAll(List<AutoCloseable> resources) {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                RuntimeException unchecked = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                if (failure == null) {
                    failure = unchecked;
                } else {
                    failure.addSuppressed(unchecked);
                }
            }
        }
        resources.clear();
        return failure;
    }
}
