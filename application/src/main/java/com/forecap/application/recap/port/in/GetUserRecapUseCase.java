package com.forecap.application.recap.port.in;

import com.forecap.domain.recap.RecapOutcome;

/** Serve one customer's recap to a request signed for that user or carrying a token minted for them. */
public interface GetUserRecapUseCase {

    /**
     * Authenticates the request and, when it is genuine and allowed, loads the recap.
     *
     * @param query the request's credentials as received
     * @return found, not found, or rejected with a reason; never {@code null}
     * @throws RecapUnavailableException when the recap store cannot answer now
     */
    RecapOutcome getUserRecap(GetUserRecapQuery query);

    /**
     * The credentials of a recap request, exactly as received; any may be {@code null} when absent.
     *
     * @param timestamp     the {@code timestamp} header
     * @param userId        the {@code user_id} header
     * @param sign          the {@code sign} header
     * @param authorization the {@code Authorization} header (a bearer token)
     */
    record GetUserRecapQuery(String timestamp, String userId, String sign, String authorization) {

        /**
         * A signed request without a token.
         *
         * @param timestamp the {@code timestamp} header
         * @param userId    the {@code user_id} header
         * @param sign      the {@code sign} header
         */
        public GetUserRecapQuery(String timestamp, String userId, String sign) {
            this(timestamp, userId, sign, null);
        }
    }
}
