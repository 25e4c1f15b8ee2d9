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
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        LOG.log(Level.DEBUG, () -> "refused before routing: " + eventType + " " + status.code() + ": " + message);
        headers.set(ErrorResponses.JSON);
        headers.set(ErrorResponses.NO_STORE);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(ErrorResponses.body(status, messageOf(status)))
                .keepAlive(eventType.keepAlive())
                .build();
    }

    private static String messageOf(Status status) {
        return switch (status.code()) {
            case 400 -> "Malformed request";
            case 413 -> "Request body too large";
            case 414 -> "Request line too long";
            case 431 -> "Request headers too large";
            case 503 -> "Server busy, please retry";
            case 505 -> "HTTP version not supported";
            default -> status.code() >= 500 ? "Internal server error" : "Request refused";
        };
    }
}
