package com.forecap.adapter.in.http;

import java.lang.System.Logger.Level;

import com.forecap.application.observability.RecordRefusalMetricsPort;
import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers requests the server refuses before routing (malformed request line or headers, headers or
 * body too large, unsupported version) with the service's error JSON. The server's own message may
 * quote the request, so it is logged at debug level and never sent back. Every refusal is reported to
 * a {@link RecordRefusalMetricsPort}.
 *
 * <p>Helidon reports headers over {@code max-headers-size} as a plain 400 whose message is
 * {@value #HEADERS_TOO_LARGE}; it is answered 431. The message reaches this handler only with
 * {@code server.error-handling.include-entity: true} (it is still never sent to the client).
 */
public final class JsonDirectHandler implements DirectHandler {

    /** Helidon's message for a header block over {@code max-headers-size}. */
    static final String HEADERS_TOO_LARGE = "Header size exceeded";

    /** 431 (RFC 6585), which Helidon's {@code Status} has no constant for. */
    static final Status HEADER_FIELDS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    /** Every reason this handler, {@link ConnectionGuard} and the user budget report. */
    public static final java.util.List<String> REFUSAL_REASONS = java.util.List.of("bad_request", "body_too_large",
            "request_line_too_long", "headers_too_large", "overloaded", "server_error", ConnectionGuard.HEAD_TIMEOUT,
            ConnectionGuard.ADDRESS_LIMIT, ClientUserBudget.REFUSAL);

    private static final System.Logger LOG = System.getLogger(JsonDirectHandler.class.getName());

    private final RecordRefusalMetricsPort refusals;

    /**
     * Creates the handler.
     *
     * @param refusals told of every refusal
     */
    public JsonDirectHandler(RecordRefusalMetricsPort refusals) {
        this.refusals = java.util.Objects.requireNonNull(refusals, "refusals");
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status original,
                                    ServerResponseHeaders headers, String message) {
        LOG.log(Level.DEBUG, () -> "refused before routing: " + eventType + " " + original.code() + ": " + message);
        Status status = clientMistake(request, eventType) ? Status.BAD_REQUEST_400
                : eventType == EventType.BAD_REQUEST && HEADERS_TOO_LARGE.equals(message)
                ? HEADER_FIELDS_TOO_LARGE : original;
        refusals.refused(reasonOf(status));
        headers.set(ErrorResponses.JSON);
        headers.set(ErrorResponses.NO_STORE);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(ErrorResponses.body(status, messageOf(status)))
                .keepAlive(eventType.keepAlive())
                .build();
    }

    /**
     * Whether a refusal is really the client's doing: a version we do not speak, or a request line so
     * broken that the server failed before it could even read the method and path (it reports those
     * as internal errors). Bad input never gets a 5xx.
     */
    private static boolean clientMistake(TransportRequest request, EventType eventType) {
        if (eventType == EventType.HTTP_VERSION_NOT_SUPPORTED) {
            return true;
        }
        return eventType == EventType.INTERNAL_ERROR
                && (isBlank(request.method()) || isBlank(request.path()) || isBlank(request.protocolVersion()));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String reasonOf(Status status) {
        return switch (status.code()) {
            case 413 -> "body_too_large";
            case 414 -> "request_line_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "overloaded";
            default -> status.code() >= 500 ? "server_error" : "bad_request";
        };
    }

    private static String messageOf(Status status) {
        return switch (status.code()) {
            case 400 -> "Malformed request";
            case 413 -> "Request body too large";
            case 414 -> "Request line too long";
            case 431 -> "Request headers too large";
            case 503 -> "Server busy, please retry";
            default -> status.code() >= 500 ? "Internal server error" : "Request refused";
        };
    }
}
