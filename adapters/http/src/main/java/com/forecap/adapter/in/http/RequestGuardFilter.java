package com.forecap.adapter.in.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * What every routed request passes before its handler:
 * <ul>
 *   <li>a request body (the API reads none) is read and dropped here, within the head deadline, so that
 *   a body over {@code max-payload-size} is refused with 413 whatever its framing: Helidon refuses a
 *   {@code Content-Length} over it before routing, but a chunked one only once it is read, after the
 *   answer, and then drops the connection under the next request;</li>
 *   <li>while the service drains, and when the client asked for it ({@code Connection: close}), the
 *   answer says {@code Connection: close} and the connection is closed after it (Helidon 4.5 keeps
 *   reading such a connection, helidon#12324).</li>
 * </ul>
 */
final class RequestGuardFilter implements Filter {

    private static final byte[] TOO_LARGE = ErrorResponses.body(Status.REQUEST_ENTITY_TOO_LARGE_413,
            "Request body too large");
    private static final byte[] MALFORMED = ErrorResponses.body(Status.BAD_REQUEST_400, "Malformed request");

    private final BooleanSupplier draining;

    RequestGuardFilter(BooleanSupplier draining) {
        this.draining = Objects.requireNonNull(draining, "draining");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        ServerRequestHeaders headers = req.headers();
        if (headers.contains(HeaderNames.CONTENT_LENGTH) || headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            Status refused = dropBody(req);
            ConnectionGuard.headComplete();
            if (refused != null) {
                closeAfterAnswer(res);
                ErrorResponses.send(req, res, refused, refused.code() == 413 ? TOO_LARGE : MALFORMED);
                return;
            }
        }
        if (draining.getAsBoolean() || headers.containsToken(HeaderValues.CONNECTION_CLOSE)) {
            closeAfterAnswer(res);
        }
        chain.proceed();
    }

    private static void closeAfterAnswer(RoutingResponse res) {
        res.header(HeaderValues.CONNECTION_CLOSE);
        ConnectionGuard.closeAfterThisRequest();
    }

    /** Reads the body to its end; the status to refuse the request with, or {@code null}. */
    private static Status dropBody(RoutingRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] scratch = new byte[1024];
            while (in.read(scratch) >= 0) {
                // dropped: no endpoint takes a body
            }
            return null;
        } catch (IOException | UncheckedIOException e) {
            return Status.BAD_REQUEST_400;
        } catch (RuntimeException e) {
            return tooLarge(e) ? Status.REQUEST_ENTITY_TOO_LARGE_413 : Status.BAD_REQUEST_400;
        }
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestException request && request.status().code() == 413) {
                return true;
            }
        }
        return false;
    }
}
