package com.forecap.adapter.in.http;

import java.lang.System.Logger.Level;

import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers requests the server refuses before routing (malformed request line or headers, headers or
 * body too large, unsupported version) with the service's error JSON. The server's own message may
 * quote the request, so it is logged at debug level and never sent back.
 */
public final class JsonDirectHandler implements DirectHandler {

    private static final System.Logger LOG = System.getLogger(JsonDirectHandler.class.getName());

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status original,
                                    ServerResponseHeaders headers, String message) {
        LOG.log(Level.DEBUG, () -> "refused before routing: " + eventType + " " + original.code() + ": " + message);
        Status status = clientMistake(request, eventType) ? Status.BAD_REQUEST_400 : original;
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
