package com.forecap.domain.recap;

import java.util.Objects;

import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.user.UserId;

/**
 * What asking for a recap can end in. Refusals are values, not exceptions; exceptions are kept for
 * infrastructure failures.
 */
public sealed interface RecapOutcome {

    /**
     * The user exists and here is the recap.
     *
     * @param userId the user
     * @param recap  the encoded recap
     */
    record Found(UserId userId, EncodedRecap recap) implements RecapOutcome {
        /** Validates the fields. */
        public Found {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(recap, "recap");
        }
    }

    /**
     * The request was genuine but the user is not in the data set.
     *
     * @param userId the user
     */
    record NotFound(UserId userId) implements RecapOutcome {
        /** Validates the fields. */
        public NotFound {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /**
     * The request was refused before any data was looked at.
     *
     * @param reason why
     */
    record Rejected(RejectionReason reason) implements RecapOutcome {
        /** Validates the fields. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
