package com.forecap.adapter.in.http;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.forecap.application.recap.port.in.GetUserRecapUseCase.GetUserRecapQuery;
import com.forecap.application.recap.port.in.GetUserRecapUseCase;
import com.forecap.application.recap.port.in.RecapUnavailableException;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.recap.RecapOutcome;

/**
 * {@code GET /api/user-data}: reads the three signed headers, asks the use case, and answers with
 * the recap bytes as they were encoded when loaded, or with the original service's error JSON.
 * {@code HEAD} is answered like {@code GET}; other methods get 405. {@code /api/user-data/} (one
 * trailing slash) is the same endpoint, as it was for the original service's clients.
 */
public final class UserRecapHttpService implements HttpService {

    /** The route of the recap endpoint. */
    public static final String PATH = "/api/user-data";
    /** The same endpoint with a trailing slash, served exactly like {@link #PATH}. */
    public static final String PATH_WITH_SLASH = PATH + "/";

    static final HeaderName TIMESTAMP = HeaderNames.create("timestamp");
    static final HeaderName USER_ID = HeaderNames.create("user_id");
    static final HeaderName SIGN = HeaderNames.create("sign");
    /** Told to a client refused for its bearer token (RFC 6750). */
    private static final Header BEARER_CHALLENGE = HeaderValues.createCached(HeaderNames.WWW_AUTHENTICATE,
            "Bearer realm=\"forecap\"");

    private static final System.Logger LOG = System.getLogger(UserRecapHttpService.class.getName());
    private static final Header ALLOW = HeaderValues.createCached(HeaderNames.ALLOW, "GET, HEAD");
    private static final byte[] NOT_FOUND = ErrorResponses.body(Status.NOT_FOUND_404, "User recap not found");
    private static final byte[] UNAVAILABLE = ErrorResponses.body(Status.SERVICE_UNAVAILABLE_503,
            "Recap temporarily unavailable, please retry");
    private static final byte[] INTERNAL = ErrorResponses.body(Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    private static final byte[] DUPLICATE = ErrorResponses.body(Status.UNAUTHORIZED_401, "Repeated authentication header");
    private static final byte[] METHOD_NOT_ALLOWED = ErrorResponses.body(Status.METHOD_NOT_ALLOWED_405, "Method not allowed");
    private static final byte[] OVER_BUDGET = ErrorResponses.body(Status.TOO_MANY_REQUESTS_429,
            "Too many different users requested from this address, retry later");
    private static final Map<RejectionReason, byte[]> REJECTIONS = rejectionBodies();

    private final GetUserRecapUseCase getUserRecap;
    private final ClientUserBudget budget;

    /**
     * Creates the service without a user budget.
     *
     * @param getUserRecap the use case
     */
    public UserRecapHttpService(GetUserRecapUseCase getUserRecap) {
        this(getUserRecap, ClientUserBudget.off());
    }

    /**
     * Creates the service.
     *
     * @param getUserRecap the use case
     * @param budget       the enumeration budget of requests without a bearer token
     */
    UserRecapHttpService(GetUserRecapUseCase getUserRecap, ClientUserBudget budget) {
        this.getUserRecap = Objects.requireNonNull(getUserRecap, "getUserRecap");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : new String[] {PATH, PATH_WITH_SLASH}) {
            rules.route(Method.GET, path, this::getUserRecap)
                    .route(Method.HEAD, path, this::getUserRecap)
                    .any(path, UserRecapHttpService::methodNotAllowed);
        }
    }

    private void getUserRecap(ServerRequest req, ServerResponse res) {
        ServerRequestHeaders headers = req.headers();
        Header timestamp = headers.find(TIMESTAMP).orElse(null);
        Header userId = headers.find(USER_ID).orElse(null);
        Header sign = headers.find(SIGN).orElse(null);
        Header authorization = headers.find(HeaderNames.AUTHORIZATION).orElse(null);
        if (repeated(timestamp) || repeated(userId) || repeated(sign) || repeated(authorization)) {
            ErrorResponses.send(req, res, Status.UNAUTHORIZED_401, DUPLICATE);
            return;
        }
        String bearer = value(authorization);
        // a signature does not bind a user: count the users a client reads that way
        long counted = budget.userOf(value(userId), bearer);
        long client = counted == 0 ? 0 : budget.clientKey(req);
        if (counted != 0 && overBudget(res, budget.check(client, counted))) {
            ErrorResponses.send(req, res, Status.TOO_MANY_REQUESTS_429, OVER_BUDGET);
            return;
        }
        GetUserRecapQuery query = new GetUserRecapQuery(value(timestamp), value(userId), value(sign), bearer);
        RecapOutcome outcome;
        try {
            outcome = getUserRecap.getUserRecap(query);
        } catch (RecapUnavailableException e) {
            LOG.log(Level.DEBUG, () -> "recap unavailable: " + e.getMessage());
            ErrorResponses.send(req, res, Status.SERVICE_UNAVAILABLE_503, UNAVAILABLE);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "recap request " + res.headers().first(RequestLogFilter.REQUEST_ID).orElse("?")
                    + " failed: " + e);
            ErrorResponses.send(req, res, Status.INTERNAL_SERVER_ERROR_500, INTERNAL);
            return;
        }
        if (counted != 0 && !(outcome instanceof RecapOutcome.Rejected) && overBudget(res, budget.admit(client, counted))) {
            ErrorResponses.send(req, res, Status.TOO_MANY_REQUESTS_429, OVER_BUDGET);
            return;
        }
        switch (outcome) {
            case RecapOutcome.Found found -> {
                res.header(ErrorResponses.JSON);
                res.header(ErrorResponses.NO_STORE);
                ErrorResponses.sendBody(req, res, found.recap().json());
            }
            case RecapOutcome.NotFound ignored -> ErrorResponses.send(req, res, Status.NOT_FOUND_404, NOT_FOUND);
            case RecapOutcome.Rejected rejected -> {
                if (challenges(rejected.reason())) {
                    res.header(BEARER_CHALLENGE);
                }
                ErrorResponses.send(req, res, statusOf(rejected.reason()), REJECTIONS.get(rejected.reason()));
            }
        }
    }

    /** Whether a budget verdict refuses; if so, {@code Retry-After} is set to the whole seconds left. */
    private static boolean overBudget(ServerResponse res, long waitNanos) {
        if (waitNanos <= 0) {
            return false;
        }
        res.header(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString((waitNanos + 999_999_999L) / 1_000_000_000L)));
        return true;
    }

    private static boolean repeated(Header header) {
        return header != null && header.valueCount() > 1;
    }

    private static String value(Header header) {
        return header == null ? null : header.get();
    }

    private static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        res.header(ALLOW);
        ErrorResponses.send(req, res, Status.METHOD_NOT_ALLOWED_405, METHOD_NOT_ALLOWED);
    }

    private static boolean challenges(RejectionReason reason) {
        return reason == RejectionReason.MISSING_TOKEN || reason == RejectionReason.INVALID_TOKEN
                || reason == RejectionReason.EXPIRED_TOKEN;
    }

    private static Status statusOf(RejectionReason reason) {
        return switch (reason.kind()) {
            case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
            case FORBIDDEN -> Status.FORBIDDEN_403;
        };
    }

    private static Map<RejectionReason, byte[]> rejectionBodies() {
        Map<RejectionReason, byte[]> bodies = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            bodies.put(reason, ErrorResponses.body(statusOf(reason), reason.message()));
        }
        return bodies;
    }
}
