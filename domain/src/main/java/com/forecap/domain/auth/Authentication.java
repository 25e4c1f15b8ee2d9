package com.forecap.domain.auth;

import java.util.Objects;

import com.forecap.domain.user.UserId;

/** The verdict on a request's credentials. */
public sealed interface Authentication {

    /**
     * The request is genuine and allowed.
     *
     * @param userId the authenticated user
     */
    record Accepted(UserId userId) implements Authentication {
        /** Validates the fields. */
        public Accepted {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * The request is refused.
     *
     * @param reason why
     */
    record Refused(RejectionReason reason) implements Authentication {
        /** Validates the fields. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
