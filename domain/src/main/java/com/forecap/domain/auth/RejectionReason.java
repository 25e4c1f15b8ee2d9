package com.forecap.domain.auth;

/**
 * Why a recap request was refused. Each reason says whether the caller failed to prove who it is
 * ({@link Kind#UNAUTHENTICATED}) or is not allowed now ({@link Kind#FORBIDDEN}), and carries the
 * message shown to the client. Messages never echo what the client sent.
 */
public enum RejectionReason {
    /** One of the headers {@code timestamp}, {@code user_id}, {@code sign} is absent or empty. */
    MISSING_HEADERS(Kind.UNAUTHENTICATED, "Missing authentication headers"),
    /** {@code user_id} is not a decimal id in 1..4294967295. */
    INVALID_USER_ID(Kind.UNAUTHENTICATED, "Invalid user_id"),
    /** {@code timestamp} is not an ISO-8601 UTC instant. */
    INVALID_TIMESTAMP(Kind.UNAUTHENTICATED, "Invalid timestamp format"),
    /** {@code timestamp} is older than the freshness window allows. */
    EXPIRED_TIMESTAMP(Kind.UNAUTHENTICATED, "Request timestamp expired"),
    /** {@code timestamp} is further in the future than the freshness window allows. */
    FUTURE_TIMESTAMP(Kind.UNAUTHENTICATED, "Request timestamp is in the future"),
    /** {@code sign} does not match. */
    INVALID_SIGNATURE(Kind.UNAUTHENTICATED, "Invalid signature"),
    /** Only bearer tokens are accepted and the request has none. */
    MISSING_TOKEN(Kind.UNAUTHENTICATED, "Missing bearer token"),
    /** The bearer token is malformed, not signed by the identity provider, or not meant for this service. */
    INVALID_TOKEN(Kind.UNAUTHENTICATED, "Invalid token"),
    /** The bearer token has expired or is not valid yet. */
    EXPIRED_TOKEN(Kind.UNAUTHENTICATED, "Token expired or not yet valid"),
    /** The bearer token is genuine but was minted for another user than {@code user_id}. */
    TOKEN_FOR_ANOTHER_USER(Kind.FORBIDDEN, "Token is not for this user"),
    /** The campaign has not opened yet. */
    CAMPAIGN_NOT_STARTED(Kind.FORBIDDEN, "Campaign has not started"),
    /** The campaign is over. */
    CAMPAIGN_ENDED(Kind.FORBIDDEN, "Campaign has ended");

    /** The two families of refusal. */
    public enum Kind {
        /** The request did not prove who sent it. */
        UNAUTHENTICATED,
        /** The request is genuine but not allowed at this time. */
        FORBIDDEN
    }

    private final Kind kind;
    private final String message;

    RejectionReason(Kind kind, String message) {
        this.kind = kind;
        this.message = message;
    }

    /**
     * The family of this refusal.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The client-facing message.
     *
     * @return the message
     */
    public String message() {
        return message;
    }
}
