package com.forecap.adapter.in.http;

import java.nio.charset.StandardCharsets;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The error body of the original service, {@code {"statusCode":401,"error":"Unauthorized","message":"…"}},
 * and the headers every JSON answer carries. Messages are the service's own, never the client's input.
 */
public final class ErrorResponses {

    /** {@code Content-Type} of every JSON answer. */
    static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    /** Answers are personal and current: nobody may store them. */
    static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");
    /** Tells a client refused for overload or an outage when to come back. */
    static final Header RETRY_AFTER = HeaderValues.createCached(HeaderNames.RETRY_AFTER, "1");

    private ErrorResponses() {
    }

    /**
     * Builds an error body.
     *
     * @param status  the status
     * @param message the message, the service's own text
     * @return the UTF-8 JSON
     */
    public static byte[] body(Status status, String message) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        String json = "{\"statusCode\":" + status.code()
                + ",\"error\":\"" + new String(encoder.quoteAsString(status.reasonPhrase())) + "\""
                + ",\"message\":\"" + new String(encoder.quoteAsString(message)) + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends a prepared error body; 503 answers carry {@code Retry-After}.
     *
     * @param req    the request
     * @param res    the response
     * @param status the status
     * @param body   the body made by {@link #body(Status, String)}
     */
    static void send(ServerRequest req, ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(JSON);
        res.header(NO_STORE);
        if (status.code() == Status.SERVICE_UNAVAILABLE_503.code()) {
            res.header(RETRY_AFTER);
        }
        sendBody(req, res, body);
    }

    /**
     * Sends a body, or for {@code HEAD} only the headers a {@code GET} would get, with its
     * {@code Content-Length}: Helidon writes whatever is sent, so a {@code HEAD} answer with a body would
     * make the next answer on the connection unreadable. Every answer of the service goes through here.
     *
     * @param req  the request
     * @param res  the response, its status and headers set
     * @param body the body a {@code GET} gets
     */
    static void sendBody(ServerRequest req, ServerResponse res, byte[] body) {
        if (Method.HEAD.equals(req.prologue().method())) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            res.send();
        } else {
            res.send(body);
        }
    }
}
