package com.forecap.bootstrap.wiring;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import java.util.stream.LongStream;

import io.helidon.webserver.WebServer;
import com.forecap.adapter.in.http.ConnectionGuard;
import com.forecap.adapter.in.http.HealthIndicator;
import com.forecap.adapter.in.http.JsonDirectHandler;
import com.forecap.adapter.in.http.RecapWebServer;
import com.forecap.adapter.out.caffeine.NearCacheUserRecapAdapter;
import com.forecap.adapter.out.json.JacksonRecapJson;
import com.forecap.adapter.out.jwt.JwtTokenVerifier;
import com.forecap.adapter.out.memory.InMemoryUserRecapAdapter;
import com.forecap.adapter.out.mysql.MySqlConnections;
import com.forecap.adapter.out.mysql.MySqlSettings;
import com.forecap.adapter.out.mysql.MySqlUserRecapAdapter;
import com.forecap.adapter.out.mysql.ReplicaFallbackUserRecapAdapter;
import com.forecap.adapter.out.prometheus.PrometheusMetrics;
import com.forecap.adapter.out.redis.RedisCacheDictionary;
import com.forecap.adapter.out.redis.RedisCachingUserRecapAdapter;
import com.forecap.adapter.out.redis.RedisConnections;
import com.forecap.adapter.out.redis.RedisRecapEvictor;
import com.forecap.adapter.out.redis.RedisSettings;
import com.forecap.adapter.out.redis.ZstdRecapCodec;
import com.forecap.application.observability.CheckHealthPort;
import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.recap.port.in.GetUserRecapUseCase;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.service.GetUserRecapService;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.bootstrap.config.ConfigurationException;
import com.forecap.bootstrap.config.ServiceSettings;
import com.forecap.bootstrap.config.ToolSettings;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.HmacSignatureScheme;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.SignatureScheme;
import com.forecap.domain.auth.TokenVerifier;
import com.forecap.domain.user.UserId;

/**
 * The composition root, the one place where the parts are put together by hand. The service
 * ({@link #serve}), from settings read once at start, builds clients (connection pools), adapters, the use
 * case and the HTTP server, in that order; the commands ({@link #tools}) get their use cases from here,
 * built from the same clients and adapters.
 */
public final class ForecapRoot {

    private static final System.Logger LOG = System.getLogger(ForecapRoot.class.getName());
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);
    /** Bytes of the warm-up's own near cache (its users' recaps, a few MB). */
    private static final long WARM_UP_NEAR_CACHE_BYTES = 8L << 20;
    /** Users the built-in cache dictionary is trained on. */
    private static final int DICTIONARY_SAMPLE_USERS = 2_000;

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
        Optional<SignatureScheme> scheme = settings.auth().scheme().map(name -> servedScheme(name, settings.auth()));
        Optional<JwtTokenVerifier> tokens = settings.auth().jwt().map(ForecapRoot::tokenVerifier);
        ensurePortIsFree(settings.listener());
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            // clients (Redis first: a wrong CA file then fails before MySQL is asked anything)
            Optional<RedisConnections> redis = settings.redis().map(redisSettings -> add(resources, redis(redisSettings)));
            JacksonRecapJson json = new JacksonRecapJson();
            // the cache's codec (a stored dictionary, or one trained on synthetic recaps) is chosen while the
            // MySQL pools open
            Optional<CompletableFuture<Codec>> codec = redis.map(connections -> CompletableFuture.supplyAsync(
                    () -> codec(connections, json, settings.embedded().seed()), ForecapRoot::inBackground));
            Optional<MySqlPools> pools = settings.database().map(database -> MySqlPools.open(database, resources));

            // adapters
            PrometheusMetrics metrics = PrometheusMetrics.create();
            PrometheusMetrics warmUpMetrics = PrometheusMetrics.create();
            RecapStore store;
            if (pools.isPresent()) {
                store = mysql(pools.get(), settings.embedded().seed(), json, metrics, warmUpMetrics, resources);
                if (redis.isPresent()) {
                    store = redisCache(redis.get(), codec.orElseThrow().join(), store, metrics, warmUpMetrics, resources);
                }
                store = nearCache(settings.nearCache(), store, metrics, warmUpMetrics);
            } else {
                store = embedded(settings.embedded(), json);
            }
            AtomicBoolean draining = new AtomicBoolean();
            AtomicBoolean warming = new AtomicBoolean(true);
            List<HealthIndicator> health = List.of(new HealthIndicator("database", true, store.database()),
                    new HealthIndicator("redis", false, store.redis()),
                    new HealthIndicator("service", true, () -> draining.get() ? ComponentHealth.down("shutting down")
                            : warming.get() ? ComponentHealth.down("warming up") : ComponentHealth.up(Map.of())));

            // services
            GetUserRecapUseCase useCase = new GetUserRecapService(new RequestAuthenticator(scheme, tokens.map(TokenVerifier.class::cast),
                    settings.auth().freshness(), new CampaignWindow(settings.auth().campaignStart(),
                    settings.auth().campaignEnd())), store.port(), Clock.systemUTC());

            // HTTP
            metrics.refusalReasons(JsonDirectHandler.REFUSAL_REASONS);
            ConnectionGuard guard = add(resources, new ConnectionGuard(settings.door(), metrics));
            WebServer webServer = RecapWebServer.start(settings.listener().server(), settings.listener().http1(), false,
                    guard, new RecapWebServer.Parts<>(useCase, health, metrics, settings.http(), draining::get));
            // listening (live) but not ready until the pools are full and the request path compiled
            String warmUp = warmUp(settings, scheme.map(SignatureScheme::name).orElse(HmacSignatureScheme.NAME),
                    tokens, store.warmUp(), warmUpMetrics);
            warming.set(false);
            String description = store.description() + " scheme=" + String.join(",", schemeNames(settings.auth()))
                    + " port=" + webServer.port();
            LOG.log(Level.INFO, "Forecap recap service started: " + description + " in "
                    + (System.nanoTime() - began) / 1_000_000 + " ms; " + warmUp);
            if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-XX:MaxHeapSize")
                            || flag.startsWith("-XX:MaxRAMPercentage"))) {
                LOG.log(Level.INFO, "the JVM chose its own heap limit (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB) and collector; the shipped launchers start it with the flags in bin/jvm-options"
                        + " (see README, Running the jar)");
            }
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

    /**
     * The MySQL pools the service reads from: the writer's, or a read replica's with the writer's as the
     * fallback.
     */
    private record MySqlPools(ServiceSettings.DatabaseSettings settings, MySqlConnections serving,
                              Optional<MySqlConnections> fallback) {

        static MySqlPools open(ServiceSettings.DatabaseSettings database, List<AutoCloseable> resources) {
            MySqlConnections serving = add(resources, MySqlConnections.forServing(database.reader().orElse(database.serving())));
            Optional<MySqlConnections> fallback = database.reader()
                    .map(reader -> add(resources, MySqlConnections.forFallback(database.serving())));
            String failure = serving.ping(HEALTH_TIMEOUT);
            if (failure != null) {
                LOG.log(Level.WARNING, (fallback.isPresent() ? "the MySQL reader is not answering yet, reading from the writer: "
                        : "MySQL is not answering yet, serving 503 until it does: ") + failure);
            }
            return new MySqlPools(database, serving, fallback);
        }

        int sum(ToIntFunction<MySqlConnections> count) {
            return count.applyAsInt(serving) + fallback.map(count::applyAsInt).orElse(0);
        }
    }

    /**
     * Where recaps come from, how to check its two parts (database, cache), how to describe it, and the
     * warm-up's private copy of it.
     */
    private record RecapStore(LoadUserRecapPort port, CheckHealthPort database, CheckHealthPort redis, String description,
                              StartupWarmup.Stack warmUp) {
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

    private static RecapStore embedded(ServiceSettings.EmbeddedSettings settings, JacksonRecapJson json) {
        InMemoryUserRecapAdapter store = InMemoryUserRecapAdapter.filling(settings.users(),
                new SyntheticRecaps(settings.seed()), json);
        InMemoryUserRecapAdapter warmUp = InMemoryUserRecapAdapter.filling(StartupWarmup.USERS,
                new SyntheticRecaps(settings.seed()), json);
        return new RecapStore(store, store, ComponentHealth::disabled, "mode=embedded users=" + store.size(),
                new StartupWarmup.Stack(warmUp, () -> " none", () -> { }));
    }

    /** MySQL; with a read replica, ready while either the replica or the writer answers. */
    private static RecapStore mysql(MySqlPools pools, long seed, JacksonRecapJson json, PrometheusMetrics metrics,
                                    PrometheusMetrics warmUpMetrics, List<AutoCloseable> resources) {
        ServiceSettings.DatabaseSettings database = pools.settings();
        metrics.databasePool(() -> pools.sum(MySqlConnections::total), () -> pools.sum(MySqlConnections::active),
                () -> pools.sum(MySqlConnections::idle));
        MySqlUserRecapAdapter primary = add(resources,
                new MySqlUserRecapAdapter(pools.serving(), json, metrics, database.waitBudget()));
        MySqlSettings writer = database.serving();
        String description = "mode=mysql server=" + writer.server()
                + database.reader().map(reader -> " reader=" + reader.server()).orElse("") + " database="
                + writer.database() + " pool=" + pools.serving().settings().poolSize();
        // the warm-up reads rows the server computes from synthetic recaps (no table is read) through a reader of
        // its own on the same pool
        MySqlUserRecapAdapter warmUpReader = new MySqlUserRecapAdapter(pools.serving(), json, warmUpMetrics,
                database.waitBudget());
        SyntheticRecaps synthetic = new SyntheticRecaps(seed);
        LoadUserRecapPort warmUpStore = userId -> userId.value() <= StartupWarmup.USERS
                ? Optional.of(warmUpReader.loadWarmUpRecap(userId.value(), new String(
                        json.encode(synthetic.recapOf(userId)).json(), java.nio.charset.StandardCharsets.UTF_8)))
                : Optional.empty();
        // the pool is filled and the statement prepared on each connection while the rest starts
        CompletableFuture<Integer> prepared = CompletableFuture.supplyAsync(primary::prepareConnections,
                ForecapRoot::inBackground);
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(warmUpStore, () -> " mysql=" + prepared(prepared),
                warmUpReader::close);
        if (pools.fallback().isEmpty()) {
            return new RecapStore(primary, primary, ComponentHealth::disabled, description, warmUp);
        }
        MySqlUserRecapAdapter fromWriter = add(resources,
                new MySqlUserRecapAdapter(pools.fallback().get(), json, metrics, database.waitBudget()));
        ReplicaFallbackUserRecapAdapter store = new ReplicaFallbackUserRecapAdapter(primary, fromWriter);
        return new RecapStore(store, store, ComponentHealth::disabled, description, warmUp);
    }

    /** Redis in front of the store: cache-aside, lock, circuit breaker. */
    private static RecapStore redisCache(RedisConnections redis, Codec chosen, RecapStore store,
                                         PrometheusMetrics metrics, PrometheusMetrics warmUpMetrics,
                                         List<AutoCloseable> resources) {
        RedisCachingUserRecapAdapter cache = add(resources,
                new RedisCachingUserRecapAdapter(redis, store.port(), chosen.codec(), metrics));
        RedisSettings settings = redis.settings();
        // the warm-up's entries (user:recap:warm-up:{id}) live for a minute, and are deleted after it
        RedisConnections warmUpView = redis.warmUpView(Duration.ofMinutes(1));
        RedisCachingUserRecapAdapter warmUpCache = new RedisCachingUserRecapAdapter(warmUpView, store.warmUp().store(),
                chosen.codec(), warmUpMetrics);
        CompletableFuture<String> filled = CompletableFuture.supplyAsync(() -> fillRedis(redis), ForecapRoot::inBackground);
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(warmUpCache, () -> store.warmUp().prepare().fill()
                + " redis=" + filled.join(), () -> {
                    warmUpCache.close();
                    long[] ids = LongStream.rangeClosed(1, StartupWarmup.USERS).toArray();
                    try {
                        new RedisRecapEvictor(warmUpView).evict(ids, ids.length);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot delete the warm-up's cache entries (they expire within a minute): "
                                + e.getMessage());
                    }
                    store.warmUp().cleanup().run();
                });
        return new RecapStore(cache, store.database(), cache, store.description() + " redis="
                + String.join(",", settings.nodes()) + (settings.cluster() ? " (cluster)" : "") + " ttl=" + settings.ttl()
                + " dictionary=" + chosen.description(), warmUp);
    }

    /** Runs a start-up task on a thread of its own. */
    private static void inBackground(Runnable task) {
        Thread.ofVirtual().name("forecap-start").start(task);
    }

    /** The connections the MySQL pool prepared; a MySQL that is down does not stop the start. */
    private static String prepared(CompletableFuture<Integer> prepared) {
        try {
            return Integer.toString(prepared.join());
        } catch (java.util.concurrent.CompletionException e) {
            LOG.log(Level.WARNING, "cannot prepare the MySQL connections yet: " + e.getCause().getMessage());
            return "unavailable";
        }
    }

    /** Opens the Redis pool's working size; a Redis that is down does not stop the start. */
    private static String fillRedis(RedisConnections redis) {
        try {
            return Integer.toString(redis.fill());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot connect to Redis yet, serving from MySQL until it answers: " + e.getMessage());
            return "unavailable";
        }
    }

    /** The near cache in the JVM (single flight) in front of the rest, when enabled. */
    private static RecapStore nearCache(ServiceSettings.NearCacheSettings local, RecapStore store, PrometheusMetrics metrics,
                                        PrometheusMetrics warmUpMetrics) {
        if (!local.enabled()) {
            return store;
        }
        StartupWarmup.Stack warmUp = new StartupWarmup.Stack(new NearCacheUserRecapAdapter(store.warmUp().store(),
                WARM_UP_NEAR_CACHE_BYTES, local.ttl(), warmUpMetrics), store.warmUp().prepare(), store.warmUp().cleanup());
        return new RecapStore(new NearCacheUserRecapAdapter(store.port(), local.maxBytes(), local.ttl(), metrics),
                store.database(), store.redis(),
                store.description() + " near-cache=" + (local.maxBytes() >> 20) + "MB/" + local.ttl(), warmUp);
    }

    /**
     * A cache codec and where its dictionary came from, e.g. {@code stored:123456} or {@code built-in:654321}.
     */
    record Codec(ZstdRecapCodec codec, String description) {
    }

    /**
     * The codec every instance using this Redis uses: the dictionary stored by {@code forecap
     * cache-dictionary train} (trained on the real recaps) when there is one; else the built-in one,
     * trained at start on the recaps of users 1..{@value #DICTIONARY_SAMPLE_USERS} of the synthetic data
     * set, so every instance with the same seed trains the same dictionary and reads what the others
     * wrote (also when Redis cannot be read at start, with a warning).
     */
    static Codec codec(RedisConnections redis, RecapJsonPort json, long seed) {
        try {
            Optional<ZstdRecapCodec> stored = RedisCacheDictionary.load(redis);
            if (stored.isPresent()) {
                return new Codec(stored.get(), "stored:" + stored.get().dictionaryId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the cache dictionary from Redis, using the built-in one: " + e.getMessage());
        }
        SyntheticRecaps synthetic = new SyntheticRecaps(seed);
        ZstdRecapCodec builtIn = ZstdRecapCodec.trainedOn(LongStream.rangeClosed(1, DICTIONARY_SAMPLE_USERS)
                .mapToObj(id -> json.encode(synthetic.recapOf(UserId.of(id)))).toList());
        return new Codec(builtIn, "built-in:" + builtIn.dictionaryId());
    }

    static <T extends AutoCloseable> T add(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    static RedisConnections redis(RedisSettings settings) {
        try {
            return RedisConnections.create(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("forecap.redis.tls-ca-file (REDIS_TLS_CA_FILE): " + e.getMessage());
        }
    }

    /** Fails with one clear line, before Helidon logs a bind failure with its stack trace. */
    private static void ensurePortIsFree(ServiceSettings.Listener listener) {
        if (listener.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(listener.host(), listener.port()));
        } catch (IOException e) {
            throw new ConfigurationException("cannot listen on " + listener.host() + ":" + listener.port() + ": "
                    + e.getMessage() + " (set PORT to a free port)");
        }
    }

    private static List<String> schemeNames(ServiceSettings.AuthSettings auth) {
        List<String> names = new ArrayList<>();
        auth.scheme().ifPresent(names::add);
        auth.jwt().ifPresent(jwt -> names.add(ServiceSettings.JWT));
        return names;
    }

    private static JwtTokenVerifier tokenVerifier(JwtTokenVerifier.Settings jwt) {
        LOG.log(Level.INFO, "bearer tokens from " + jwt.issuer() + " (keys " + jwt.jwksUri() + ", audience "
                + jwt.audiences() + ", user in claim '" + jwt.userClaim() + "', " + jwt.algorithms() + ")");
        return new JwtTokenVerifier(jwt);
    }

    /**
     * The signature scheme of a name, with the configured keys.
     *
     * @param name {@code legacy} or {@code hmac-sha256}
     * @param auth the authentication settings (secret, HMAC keys)
     * @return the scheme
     * @throws ConfigurationException when the name is unknown or the keys cannot be used
     */
    public static SignatureScheme signatureScheme(String name, ServiceSettings.AuthSettings auth) {
        return switch (name) {
            case LegacySignatureScheme.NAME -> new LegacySignatureScheme(auth.secret());
            case HmacSignatureScheme.NAME -> {
                try {
                    yield new HmacSignatureScheme(auth.hmacKeys());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("forecap.auth.hmac-keys (AUTH_HMAC_KEYS): " + e.getMessage());
                }
            }
            default -> throw new ConfigurationException("forecap.auth.scheme must be legacy or hmac-sha256, was '"
                    + name + "'");
        };
    }

    private static SignatureScheme servedScheme(String name, ServiceSettings.AuthSettings auth) {
        SignatureScheme scheme = signatureScheme(name, auth);
        if (LegacySignatureScheme.NAME.equals(name)) {
            LOG.log(Level.WARNING, "signature scheme 'legacy' is reversible: anyone who sees one request can "
                    + "recover the secret and read every recap; keep it for existing clients only, with the user "
                    + "budget on (USER_BUDGET), and move them to tokens (AUTH_SCHEMES=jwt) or hmac-sha256");
        } else {
            LOG.log(Level.INFO, "signature scheme hmac-sha256 with key ids " + auth.hmacKeys().keySet());
        }
        return scheme;
    }
}
