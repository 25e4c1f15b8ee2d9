package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnectionSelector;

import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.adapter.in.http.HealthIndicator;
import com.forecap.adapter.in.http.HttpPolicy;
import com.forecap.adapter.in.http.JsonDirectHandler;
import com.forecap.adapter.in.http.OperationsHttpService;
import com.forecap.adapter.in.http.RecapHttpRouting;
import com.forecap.adapter.in.http.UserRecapHttpService;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.caffeine.NearCacheUserRecapAdapter;
import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlUserRecapAdapter;
import com.forecap.adapter.out.mysql.ReplicaFallbackUserRecapAdapter;
import com.forecap.adapter.out.prometheus.PrometheusMetrics;
import com.forecap.adapter.out.redis.RedisCachingUserRecapAdapter;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.adapter.out.redis.ZstdRecapCodec;
import com.forecap.application.port.in.GetUserRecapUseCase;
import com.forecap.application.port.out.ComponentHealth;
import com.forecap.application.port.out.LoadUserRecapPort;
import com.forecap.application.service.GetUserRecapService;
import com.forecap.application.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.config.CacheConfig;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.MySqlConfig;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.bootstrap.config.Settings;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.HmacSignatureScheme;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.SignatureScheme;

/**
 * The composition root: turns configuration into settings, builds the out-adapters, the use case and
 * the HTTP adapter by hand, and starts the server.
 */
public final class ForecapService {

    private static final System.Logger LOG = System.getLogger(ForecapService.class.getName());
    private static final String DATABASE = "database";
    private static final String REDIS = "redis";
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private ForecapService() {
    }

    /**
     * Builds and starts the service.
     *
     * @param config the root configuration
     * @return the running service
     * @throws ConfigurationException when the configuration is wrong
     */
    public static RunningService start(Config config) {
        long began = System.nanoTime();
        ServiceSettings settings = ServiceSettings.from(config);
        SignatureScheme scheme = signatureScheme(settings.auth());
        ensurePortIsFree(config);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            PrometheusMetrics metrics = PrometheusMetrics.create();
            JacksonRecapJson json = new JacksonRecapJson();
            RecapStore store = switch (settings.store()) {
                case EMBEDDED -> embedded(settings.embedded(), json);
                case MYSQL -> cached(config, settings, mysql(MySqlConfig.serving(config), MySqlConfig.reader(config),
                        MySqlConfig.waitBudget(config), json, metrics, resources), json,
                        metrics, resources);
            };
            AtomicBoolean draining = new AtomicBoolean();
            List<HealthIndicator> health = new ArrayList<>(store.health());
            health.add(new HealthIndicator("service", true, () -> draining.get()
                    ? ComponentHealth.down("shutting down") : ComponentHealth.up(Map.of())));
            GetUserRecapUseCase useCase = getUserRecap(settings.auth(), scheme, store.port());

            metrics.refusalReasons(JsonDirectHandler.REFUSAL_REASONS);
            ConnectionGuard guard = new ConnectionGuard(Settings.connectionGuard(config), metrics);
            resources.add(guard);
            WebServer server = WebServer.builder()
                    .config(config.get("server"))
                    .shutdownHook(false)
                    // the HTTP/1 protocol is set up here rather than discovered, so that every connection
                    // passes the guard (head deadline, per-address cap) before anything is read; it must be
                    // the only selector, else Helidon reads a connection's first bytes before choosing one
                    .protocolsDiscoverServices(false)
                    .protocols(List.of(GuardedHttp1.INSTANCE))
                    .addConnectionSelector(guard.guard(http1(config, guard)))
                    .directHandlers(handlers -> {
                        JsonDirectHandler handler = new JsonDirectHandler(metrics);
                        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                            handlers.addHandler(type, handler);
                        }
                    })
                    .routing(routing -> RecapHttpRouting.configure(routing, new UserRecapHttpService(useCase),
                            new OperationsHttpService(health, metrics, Clock.systemUTC()), metrics, httpPolicy(config),
                            draining::get))
                    .build()
                    .start();
            if (!server.isRunning()) {
                throw new IllegalStateException("the HTTP server did not start; see the log above");
            }
            String description = store.description() + " scheme=" + scheme.name() + " port=" + server.port();
            LOG.log(Level.INFO, "Forecap recap service started: " + description + " in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms");
            if (java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-XX:MaxHeapSize")
                            || flag.startsWith("-XX:MaxRAMPercentage"))) {
                LOG.log(Level.INFO, "the JVM chose its own heap limit (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB) and collector; the shipped launchers start it with the flags in bin/jvm-options"
                        + " (see README, Running the jar)");
            }
            return new RunningService(server, resources, description, draining,
                    Settings.drain(config), Settings.closeNotice(config));
        } catch (RuntimeException e) {
            RunningService.closeAll(resources);
            throw e;
        }
    }

    /** Where recaps come from, how to check it ({@code database}, {@code redis}), and how to describe it. */
    private record RecapStore(LoadUserRecapPort port, List<HealthIndicator> health, String description) {
    }

    private static RecapStore embedded(ServiceSettings.EmbeddedSettings settings, JacksonRecapJson json) {
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(settings.users(),
                new SyntheticRecaps(settings.seed()), json);
        return new RecapStore(store, List.of(new HealthIndicator(DATABASE, true, store),
                new HealthIndicator(REDIS, false, ComponentHealth::disabled)), "mode=embedded users=" + store.size());
    }

    private static RecapStore mysql(MySqlSettings settings, Optional<MySqlSettings> reader, Duration waitBudget,
                                    JacksonRecapJson json, PrometheusMetrics metrics, List<AutoCloseable> resources) {
        if (reader.isPresent()) {
            return withReader(settings, reader.get(), waitBudget, json, metrics, resources);
        }
        MySqlConnections connections = MySqlConnections.forServing(settings);
        resources.add(connections);
        metrics.databasePool(connections::total, connections::active, connections::idle);
        MySqlUserRecapAdapter adapter = new MySqlUserRecapAdapter(connections, json, metrics,
                waitBudget);
        resources.add(adapter);
        String failure = connections.ping(HEALTH_TIMEOUT);
        if (failure != null) {
            LOG.log(Level.WARNING, "MySQL is not answering yet, serving 503 until it does: " + failure);
        }
        return new RecapStore(adapter, List.of(new HealthIndicator(DATABASE, true, adapter)), "mode=mysql server=" + settings.server() + " database="
                + settings.database() + " pool=" + settings.poolSize());
    }

    /**
     * Reads from a read replica, falling back to the writer while the replica cannot answer; ready while
     * either answers.
     */
    private static RecapStore withReader(MySqlSettings writer, MySqlSettings reader, Duration waitBudget,
                                         JacksonRecapJson json, PrometheusMetrics metrics,
                                         List<AutoCloseable> resources) {
        MySqlConnections readerConnections = MySqlConnections.forServing(reader);
        resources.add(readerConnections);
        MySqlConnections writerConnections = MySqlConnections.forFallback(writer);
        resources.add(writerConnections);
        metrics.databasePool(() -> readerConnections.total() + writerConnections.total(),
                () -> readerConnections.active() + writerConnections.active(),
                () -> readerConnections.idle() + writerConnections.idle());
        MySqlUserRecapAdapter fromReader = new MySqlUserRecapAdapter(readerConnections, json, metrics,
                waitBudget);
        resources.add(fromReader);
        MySqlUserRecapAdapter fromWriter = new MySqlUserRecapAdapter(writerConnections, json, metrics,
                waitBudget);
        resources.add(fromWriter);
        ReplicaFallbackUserRecapAdapter store = new ReplicaFallbackUserRecapAdapter(fromReader, fromWriter);
        String failure = readerConnections.ping(HEALTH_TIMEOUT);
        if (failure != null) {
            LOG.log(Level.WARNING, "the MySQL reader is not answering yet, reading from the writer: " + failure);
        }
        return new RecapStore(store, List.of(new HealthIndicator(DATABASE, true, store)),
                "mode=mysql server=" + writer.server() + " reader=" + reader.server() + " database=" + writer.database()
                        + " pool=" + reader.poolSize());
    }

    /**
     * Puts the caches in front of a store: Redis when configured (cache-aside, lock, circuit breaker),
     * then the near cache in the JVM (single-flight) when enabled.
     */
    private static RecapStore cached(Config config, ServiceSettings settings, RecapStore store, JacksonRecapJson json,
                                     PrometheusMetrics metrics, List<AutoCloseable> resources) {
        LoadUserRecapPort port = store.port();
        List<HealthIndicator> health = new ArrayList<>(store.health());
        StringBuilder description = new StringBuilder(store.description());
        Optional<RedisSettings> redis = CacheConfig.redis(config);
        if (redis.isPresent()) {
            RedisConnections connections;
            try {
                connections = RedisConnections.create(redis.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("forecap.redis.tls-ca-file (REDIS_TLS_CA_FILE): " + e.getMessage());
            }
            resources.add(connections);
            CacheCodecs.Chosen chosen = CacheCodecs.forRedis(connections, json, settings.embedded().seed());
            ZstdRecapCodec codec = chosen.codec();
            RedisCachingUserRecapAdapter cache = new RedisCachingUserRecapAdapter(connections, port, codec, metrics);
            resources.add(cache);
            port = cache;
            health.add(new HealthIndicator(REDIS, false, cache));
            description.append(" redis=").append(String.join(",", redis.get().nodes()))
                    .append(redis.get().cluster() ? " (cluster)" : "").append(" ttl=").append(redis.get().ttl())
                    .append(" dictionary=").append(chosen.description());
        } else {
            health.add(new HealthIndicator(REDIS, false, ComponentHealth::disabled));
        }
        CacheConfig.LocalCacheSettings local = CacheConfig.local(config);
        if (local.enabled()) {
            port = new NearCacheUserRecapAdapter(port, local.maxBytes(), local.ttl(), metrics);
            description.append(" near-cache=").append(local.maxBytes() >> 20).append("MB/").append(local.ttl());
        }
        return new RecapStore(port, health, description.toString());
    }

    /**
     * Stands in the listener's protocol list for {@code server.protocols.http_1_1}: Helidon does not build
     * a configured protocol whose type and name are already on the builder, and no provider makes a
     * selector of this placeholder, so the guarded selector stays the only one.
     */
    private static final class GuardedHttp1 implements ProtocolConfig {
        static final GuardedHttp1 INSTANCE = new GuardedHttp1();

        @Override
        public String type() {
            return "http_1_1";
        }

        @Override
        public String name() {
            return "http_1_1";
        }
    }

    /**
     * Helidon's HTTP/1 connection selector with the {@code server.protocols.http_1_1} settings (sizes of
     * the request line and headers) and the guard's head-deadline listener.
     */
    private static ServerConnectionSelector http1(Config config, ConnectionGuard guard) {
        Http1Config http1 = Http1Config.builder()
                .config(config.get("server.protocols.http_1_1"))
                .addReceiveListener(guard.listener())
                .build();
        return new Http1ConnectionProvider().create(WebServer.DEFAULT_SOCKET_NAME, http1, ProtocolConfigs.create(List.of()));
    }

    /** Fails with one clear line, before Helidon logs a bind failure with its stack trace. */
    private static void ensurePortIsFree(Config config) {
        String host = config.get("server.host").asString().orElse("0.0.0.0");
        int port = config.get("server.port").asInt().orElse(0);
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ConfigurationException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (set PORT to a free port)");
        }
    }

    private static HttpPolicy httpPolicy(Config config) {
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : config.get("forecap.http.allowed-origins").asString().orElse("").split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.trim());
            }
        }
        return new HttpPolicy(origins, config.get("forecap.log.access").asBoolean().orElse(false));
    }

    private static GetUserRecapUseCase getUserRecap(ServiceSettings.AuthSettings auth, SignatureScheme scheme,
                                                    LoadUserRecapPort store) {
        RequestAuthenticator authenticator = new RequestAuthenticator(scheme, auth.freshness(),
                new CampaignWindow(auth.campaignStart(), auth.campaignEnd()));
        return new GetUserRecapService(authenticator, store, Clock.systemUTC());
    }

    private static SignatureScheme signatureScheme(ServiceSettings.AuthSettings auth) {
        return switch (auth.scheme()) {
            case LegacySignatureScheme.NAME -> {
                LOG.log(Level.WARNING, "signature scheme 'legacy' is reversible: anyone who sees one request can "
                        + "recover the secret; keep it for existing clients only (AUTH_SIGNATURE_SCHEME=hmac-sha256 "
                        + "with AUTH_HMAC_KEYS is the secure scheme)");
                yield new LegacySignatureScheme(auth.secret());
            }
            case HmacSignatureScheme.NAME -> {
                try {
                    HmacSignatureScheme scheme = new HmacSignatureScheme(auth.hmacKeys());
                    LOG.log(Level.INFO, "signature scheme hmac-sha256 with key ids " + auth.hmacKeys().keySet());
                    yield scheme;
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("forecap.auth.hmac-keys (AUTH_HMAC_KEYS): " + e.getMessage());
                }
            }
            default -> throw new ConfigurationException("forecap.auth.scheme must be legacy or hmac-sha256, was '"
                    + auth.scheme() + "'");
        };
    }
}
