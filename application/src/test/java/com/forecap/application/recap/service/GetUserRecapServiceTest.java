package com.forecap.application.recap.service;

import java.time.Instant;
import java.time.InstantSource;

import com.forecap.application.fakes.FakeRecapStore;
import com.forecap.application.recap.port.in.GetUserRecapUseCase.GetUserRecapQuery;
import com.forecap.application.recap.port.in.RecapUnavailableException;
import com.forecap.application.recap.port.out.RecapStoreUnavailableException;
import com.forecap.domain.auth.CampaignWindow;
import com.forecap.domain.auth.FreshnessWindow;
import com.forecap.domain.auth.LegacySignatureScheme;
import com.forecap.domain.auth.RejectionReason;
import com.forecap.domain.auth.RequestAuthenticator;
import com.forecap.domain.recap.RecapOutcome;
import com.forecap.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GetUserRecapServiceTest {

    private static final Instant NOW = Instant.parse("2025-12-10T08:00:00Z");
    private final LegacySignatureScheme scheme = new LegacySignatureScheme("forecap2025");
    private final FakeRecapStore store = new FakeRecapStore().with(1, "{\"userName\":\"Budi Santoso\",\"trxCount\":3}");
    private final GetUserRecapService service = new GetUserRecapService(
            new RequestAuthenticator(scheme, FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS), store, InstantSource.fixed(NOW));

    private GetUserRecapQuery signed(String userId) {
        String ts = NOW.toString();
        return new GetUserRecapQuery(ts, userId, scheme.sign(ts, userId));
    }

    @Test
    void a_signed_request_for_a_known_user_finds_the_recap() {
        RecapOutcome outcome = service.getUserRecap(signed("1"));
        assertThat(outcome).isInstanceOfSatisfying(RecapOutcome.Found.class, found -> {
            assertThat(found.userId()).isEqualTo(UserId.of(1));
            assertThat(new String(found.recap().json())).contains("Budi Santoso");
        });
    }

    @Test
    void a_signed_request_for_an_unknown_user_is_not_found() {
        assertThat(service.getUserRecap(signed("2"))).isEqualTo(new RecapOutcome.NotFound(UserId.of(2)));
    }

    @Test
    void a_refused_request_never_reaches_the_store() {
        RecapOutcome outcome = service.getUserRecap(new GetUserRecapQuery(NOW.toString(), "1", "bogus"));
        assertThat(outcome).isEqualTo(new RecapOutcome.Rejected(RejectionReason.INVALID_SIGNATURE));
        assertThat(store.loads()).isZero();
    }

    @Test
    void a_store_that_cannot_answer_makes_the_recap_unavailable_to_the_caller() {
        RecapStoreUnavailableException down = new RecapStoreUnavailableException("db down", null);
        GetUserRecapService failing = new GetUserRecapService(
                new RequestAuthenticator(scheme, FreshnessWindow.DEFAULT, CampaignWindow.ALWAYS), userId -> {
                    throw down;
                }, InstantSource.fixed(NOW));
        assertThatThrownBy(() -> failing.getUserRecap(signed("1")))
                .isInstanceOf(RecapUnavailableException.class).hasMessage("db down").hasCause(down);
    }
}
