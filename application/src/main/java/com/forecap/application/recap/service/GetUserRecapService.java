package com.forecap.application.recap.service;

import java.time.InstantSource;
import java.util.Objects;

import com.forecap.application.recap.port.in.GetUserRecapUseCase;
import com.forecap.application.recap.port.in.RecapUnavailableException;
import com.forecap.application.recap.port.out.LoadUserRecapPort;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.domain.auth.Authentication;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.auth.TokenVerifier;
import com.forecap.domain.recap.RecapOutcome;

/**
 * Authenticates a recap request against the clock, then loads the recap. Stateless and thread-safe.
 * When the identity provider's keys cannot be had, the recap is unavailable (the client retries), not refused.
 */
public final class GetUserRecapService implements GetUserRecapUseCase {

    private final RequestAuthenticator authenticator;
    private final LoadUserRecapPort loadUserRecap;
    private final InstantSource clock;

    /**
     * Creates the service.
     *
     * @param authenticator judges credentials
     * @param loadUserRecap where recaps come from
     * @param clock         the current time
     */
    public GetUserRecapService(RequestAuthenticator authenticator, LoadUserRecapPort loadUserRecap, InstantSource clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.loadUserRecap = Objects.requireNonNull(loadUserRecap, "loadUserRecap");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RecapOutcome getUserRecap(GetUserRecapQuery query) {
        Authentication verdict;
        try {
            verdict = authenticator.authenticate(query.timestamp(), query.userId(), query.sign(),
                    query.authorization(), clock.instant());
        } catch (TokenVerifier.KeysUnavailableException e) {
            throw new RecapUnavailableException(e.getMessage(), e);
        }
        return switch (verdict) {
            case Authentication.Refused refused -> new RecapOutcome.Rejected(refused.reason());
            case Authentication.Accepted accepted -> load(accepted);
        };
    }

    private RecapOutcome load(Authentication.Accepted accepted) {
        try {
            return loadUserRecap.loadUserRecap(accepted.userId())
                    .<RecapOutcome>map(recap -> new RecapOutcome.Found(accepted.userId(), recap))
                    .orElseGet(() -> new RecapOutcome.NotFound(accepted.userId()));
        } catch (RecapStoreUnavailableException e) {
            throw new RecapUnavailableException(e.getMessage(), e);
        }
    }
}
