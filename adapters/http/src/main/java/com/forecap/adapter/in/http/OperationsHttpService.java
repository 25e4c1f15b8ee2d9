package com.forecap.adapter.in.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import com.forecap.application.observability.ComponentHealth;
import com.forecap.application.observability.ScrapeMetricsPort;

/**
 * Operations endpoints: {@code /health} (every dependency; 200 while serving, 503 when a critical one
 * is down), {@code /health/live} (the process answers), {@code /health/ready} (same verdict as
 * {@code /health}) and {@code /metrics} (Prometheus text). {@code HEAD} gets the same headers, no body.
 */
public final class OperationsHttpService implements HttpService {

    /** Health route. */
    public static final String HEALTH = "/health";
    /** Liveness route. */
    public static final String LIVE = "/health/live";
    /** Readiness route. */
    public static final String READY = "/health/ready";
    /** Metrics route. */
    public static final String METRICS = "/metrics";

    private static final System.Logger LOG = System.getLogger(OperationsHttpService.class.getName());
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] LIVE_BODY = "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final List<HealthIndicator> indicators;
    private final ScrapeMetricsPort metrics;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param indicators the dependencies to report, in display order
     * @param metrics    the metrics source
     * @param clock      the clock for the report's timestamp
     */
    public OperationsHttpService(List<HealthIndicator> indicators, ScrapeMetricsPort metrics, Clock clock) {
        this.indicators = List.copyOf(indicators);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(HEALTH, this::health)
                .get(READY, this::health)
                .get(LIVE, OperationsHttpService::live)
                .get(METRICS, this::metrics)
                .route(Method.HEAD, HEALTH, this::health)
                .route(Method.HEAD, READY, this::health)
                .route(Method.HEAD, LIVE, OperationsHttpService::live)
                .route(Method.HEAD, METRICS, this::metrics);
    }

    private static void live(ServerRequest req, ServerResponse res) {
        res.header(ErrorResponses.JSON);
        res.header(ErrorResponses.NO_STORE);
        ErrorResponses.sendBody(req, res, LIVE_BODY);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, ComponentHealth> states = new LinkedHashMap<>();
        boolean serving = true;
        boolean degraded = false;
        for (HealthIndicator indicator : indicators) {
            ComponentHealth state = safeCheck(indicator);
            states.put(indicator.name(), state);
            if (state.status() == ComponentHealth.State.DOWN) {
                if (indicator.critical()) {
                    serving = false;
                } else {
                    degraded = true;
                }
            }
        }
        String overall = !serving ? "DOWN" : degraded ? "DEGRADED" : "UP";
        res.status(serving ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(ErrorResponses.JSON);
        res.header(ErrorResponses.NO_STORE);
        ErrorResponses.sendBody(req, res, healthJson(overall, states));
    }

    private static ComponentHealth safeCheck(HealthIndicator indicator) {
        try {
            return Objects.requireNonNull(indicator.check().check(), "health state");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health check " + indicator.name() + " failed: " + e);
            return ComponentHealth.down(e.getClass().getSimpleName());
        }
    }

    private byte[] healthJson(String overall, Map<String, ComponentHealth> states) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", overall);
            json.writeStringField("timestamp", clock.instant().toString());
            for (Map.Entry<String, ComponentHealth> entry : states.entrySet()) {
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField("status", entry.getValue().status().name());
                for (Map.Entry<String, String> detail : entry.getValue().details().entrySet()) {
                    json.writeStringField(detail.getKey(), detail.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        ScrapeMetricsPort.Scrape scrape = metrics.scrape(req.headers().first(HeaderNames.ACCEPT).orElse(null));
        res.header(HeaderNames.CONTENT_TYPE, scrape.contentType());
        res.header(ErrorResponses.NO_STORE);
        ErrorResponses.sendBody(req, res, scrape.body());
    }
}
