package com.forecap.adapter.in.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import com.forecap.application.observability.RecordRefusalMetricsPort;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.UserBudget;
import com.forecap.domain.user.UserId;

/**
 * The enumeration budget at the door: one client address may name at most so many different users per
 * window in requests without a bearer token ({@link UserBudget}, fixed memory, O(1) per request).
 *
 * <p>The client is the TCP peer, or, when the peer is one of the trusted proxies, the right-most
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy (what the balancer saw; what a
 * client writes to the left of it is not believed). An IPv6 client is counted by its /64, which one
 * subscriber usually holds whole.
 *
 * <p>A request with a bearer token the service accepts never counts: the token binds its user. Where
 * tokens are not accepted, a {@code Bearer} header changes nothing. Only requests that passed
 * authentication count (a client that cannot sign cannot spend an
 * address's budget for the others behind it); a client already at its limit is refused before its
 * request is worked on. A request whose {@code user_id} is not a user id is never counted.
 */
final class ClientUserBudget {

    /** Reason label of a request refused for its address's user budget. */
    static final String REFUSAL = "user_budget";

    private static final long IPV6_TAG = 0x9E37_79B9_7F4A_7C15L;

    private final UserBudget budget;
    private final boolean tokensAccepted;
    private final List<ConnectionGuard.AddressRange> trusted;
    private final RecordRefusalMetricsPort refusals;

    ClientUserBudget(HttpPolicy.UserBudgetPolicy policy, RecordRefusalMetricsPort refusals) {
        this.budget = policy.limit() == 0 ? null : UserBudget.withDefaults(policy.limit(), policy.window());
        this.tokensAccepted = policy.tokensAccepted();
        this.trusted = policy.trustedProxies();
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /** No budget. */
    static ClientUserBudget off() {
        return new ClientUserBudget(HttpPolicy.UserBudgetPolicy.OFF, RecordRefusalMetricsPort.NONE);
    }

    /**
     * The user a request counts against its client's budget.
     *
     * @param userId        the {@code user_id} header, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return the user, or 0 when nothing counts: no budget, a bearer token the service accepts (it binds
     *         the user), or a {@code user_id} that is not a user id
     */
    long userOf(String userId, String authorization) {
        if (budget == null || tokensAccepted && RequestAuthenticator.isBearer(authorization)) {
            return 0;
        }
        return UserId.parseValue(userId);
    }

    /**
     * Whether the client is already refused this user, before the request is worked on.
     *
     * @param client the client, from {@link #clientKey}
     * @param user   the user, from {@link #userOf}, not 0
     * @return 0 when it may go on, else the nanoseconds until the client's window ends
     */
    long check(long client, long user) {
        return refused(budget.check(client, user, System.nanoTime()));
    }

    /**
     * Counts an authenticated request's user against its client's budget.
     *
     * @param client the client, from {@link #clientKey}
     * @param user   the user, from {@link #userOf}, not 0
     * @return 0 when admitted, else the nanoseconds until the client's window ends
     */
    long admit(long client, long user) {
        return refused(budget.admit(client, user, System.nanoTime()));
    }

    private long refused(long wait) {
        if (wait > 0) {
            refusals.refused(REFUSAL);
        }
        return wait;
    }

    /**
     * The client a request comes from: the peer, or what a trusted balancer says it saw.
     *
     * @param req the request
     * @return the client's key
     */
    long clientKey(ServerRequest req) {
        InetAddress peer = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress() : null;
        if (peer == null) {
            return 0;
        }
        if (!trusted.isEmpty() && isTrusted(peer)) {
            String forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse(null);
            InetAddress client = forwarded == null ? null : forwardedClient(forwarded);
            if (client != null) {
                return keyOf(client);
            }
        }
        return keyOf(peer);
    }

    /** The right-most address in the header that is not a trusted proxy; {@code null} when there is none. */
    private InetAddress forwardedClient(String header) {
        int end = header.length();
        while (end > 0) {
            int comma = header.lastIndexOf(',', end - 1);
            InetAddress hop = literal(header.substring(comma + 1, end).strip());
            if (hop == null) {
                return null;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
            end = comma;
        }
        return null;
    }

    private boolean isTrusted(InetAddress address) {
        for (ConnectionGuard.AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP address literal, never a name lookup; {@code null} when the text is not one. */
    static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (Character.digit(c, 16) < 0 && c != '.') {
                return null;
            }
        }
        if (!colon) {
            return ipv4(text);
        }
        try {
            // a text with ':' and only hex digits, ':' and '.' is parsed as an IPv6 literal, never looked up
            return InetAddress.getByName(text);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static InetAddress ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + c - '0';
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        if (part != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** IPv4: the address itself; IPv6: its /64, tagged apart from IPv4 keys. */
    static long keyOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.hashCode() & 0xFFFF_FFFFL;
        }
        byte[] bytes = address.getAddress();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | (bytes[i] & 0xFF);
        }
        return prefix ^ IPV6_TAG;
    }
}
