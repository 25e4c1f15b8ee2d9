package com.forecap.application.port.in;

import com.forecap.domain.recap.RecapOutcome;

/** Serve one customer's recap to a signed request. */
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
     * The three headers of a recap request, exactly as received; any may be {@code null} when absent.
     *
     * @param timestamp the {@code timestamp} header
     * @param userId    the {@code user_id} header
     * @param sign      the {@code sign} header
     */
    record GetUserRecapQuery(String timestamp, String userId, String sign) {
    }
}
