package com.forecap.bootstrap.wiring;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.webserver.WebServer;
import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.adapter.in.http.HealthIndicator;
import com.forecap.adapter.in.http.JsonDirectHandler;
import com.forecap.adapter.in.http.RecapWebServer;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.adapter.out.prometheus.PrometheusMetrics;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.recap.port.in.GetUserRecapUseCase;
import com.forecap.application.recap.service.GetUserRecapService;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.bootstrap.wiring.RecapStores.RecapStore;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.HmacSignatureScheme;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.SignatureScheme;
import com.forecap.domain.auth.TokenVerifier;

/**
 * The composition root, the one place where the parts are put together by hand. The service
 * ({@link #serve}), from settings read once at start, builds who may read ({@link SignatureSchemes}), the store
 * chain ({@link RecapStores}), the use case and the HTTP server, in that order, then warms the request path
 * ({@link StartupWarmup}) before it says ready; the commands ({@link #tools}) get their use cases from
 * {@link Tools}, built from the same clients and adapters.
 */
public final class ForecapRoot {

    private static final System.Logger LOG = System.getLogger(ForecapRoot.class.getName());

    private ForecapRoot() {
    }

    /**
     * Builds and starts the service.
     *
     * @param settings the settings
     * @return the running service
     * @throws ConfigurationException when the settings cannot be used (port taken, bad key or CA file)
     */
    public static RunningService serve(ServiceSettings settings) {
        long began = System.nanoTime();
        Optional<SignatureScheme> scheme = settings.auth().scheme().map(name -> SignatureSchemes.served(name, settings.auth()));
        Optional<JwtTokenVerifier> tokens = settings.auth().jwt().map(SignatureSchemes::tokenVerifier);
        RecapWebServer.bindProblem(settings.listener().host(), settings.listener().port()).ifPresent(problem -> {
            throw new ConfigurationException(problem + " (set PORT to a free port)");
        });
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            // clients and adapters
            PrometheusMetrics metrics = PrometheusMetrics.create();
            PrometheusMetrics warmUpMetrics = PrometheusMetrics.create();
            RecapStore store = RecapStores.open(settings, new JacksonRecapJson(), metrics, warmUpMetrics, resources);
            AtomicBoolean draining = new AtomicBoolean();
            AtomicBoolean warming = new AtomicBoolean(true);
            List<HealthIndicator> health = List.of(new HealthIndicator("database", true, store.database()),
                    new HealthIndicator("redis", false, store.redis()),
                    new HealthIndicator("service", true, () -> draining.get() ? ComponentHealth.down("shutting down")
                            : warming.get() ? ComponentHealth.down("warming up") : ComponentHealth.up(Map.of())));

            // the use case
            GetUserRecapUseCase useCase = new GetUserRecapService(new RequestAuthenticator(scheme, tokens.map(TokenVerifier.class::cast),
                    settings.auth().freshness(), new CampaignWindow(settings.auth().campaignStart(),
                    settings.auth().campaignEnd())), store.port(), Clock.systemUTC());

            // HTTP: listening (live), but not ready until the pools are full and the request path compiled
            metrics.refusalReasons(JsonDirectHandler.REFUSAL_REASONS);
            ConnectionGuard guard = RecapStores.add(resources, new ConnectionGuard(settings.door(), metrics));
            WebServer webServer = RecapWebServer.start(settings.listener().server(), settings.listener().http1(), false,
                    guard, new RecapWebServer.Parts<>(useCase, health, metrics, settings.http(), draining::get));
            String warmUp = warmUp(settings, scheme.map(SignatureScheme::name).orElse(HmacSignatureScheme.NAME),
                    tokens, store.warmUp(), warmUpMetrics);
            warming.set(false);

            String description = store.description() + " scheme=" + String.join(",", SignatureSchemes.names(settings.auth()))
                    + " port=" + webServer.port();
            LOG.log(Level.INFO, "Forecap recap service started: " + description + " in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms; " + warmUp);
            warnWhenTheJvmChoseItsHeap();
            return new RunningService(webServer, guard, resources, description, draining, settings.shutdown());
        } catch (RuntimeException e) {
            RuntimeException failure = RunningService.closeAll(resources);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
    }

    /**
     * The commands' use cases, built on demand from the tools' settings; closing it closes the clients
     * they opened.
     *
     * @param settings the settings
     * @return the tools
     */
    public static Tools tools(ToolSettings settings) {
        return new Tools(settings);
    }

    /** The warm-up, which never stops the start: a failure is logged and the service starts cold. */
    private static String warmUp(ServiceSettings settings, String scheme, Optional<JwtTokenVerifier> tokens,
                                 StartupWarmup.Stack stack, PrometheusMetrics metrics) {
        try {
            return StartupWarmup.run(settings, scheme, tokens, stack, metrics);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the start-up warm-up failed, starting cold: " + e);
            return "warm-up=failed";
        }
    }

    /** The shipped launchers set the heap; a plain {@code java -jar} gets the JVM's own choice, said once. */
    private static void warnWhenTheJvmChoseItsHeap() {
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-XX:MaxHeapSize")
                        || flag.startsWith("-XX:MaxRAMPercentage"))) {
            LOG.log(Level.INFO, "the JVM chose its own heap limit (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB) and collector; the shipped launchers start it with the flags in bin/jvm-options"
                    + " (see README, Running the jar)");
        }
    }
}
