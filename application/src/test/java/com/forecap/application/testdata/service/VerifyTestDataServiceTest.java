package com.forecap.application.testdata.service;

import com.forecap.application.fakes.FakeTestDataStore;
import com.forecap.application.fakes.TextRecapJson;
import com.forecap.application.shared.IdRange;
import com.forecap.application.shared.port.out.ReportProgressPort;
import com.forecap.application.testdata.port.in.GenerateTestDataUseCase.GenerateTestDataCommand;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerificationReport;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase.VerifyTestDataQuery;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyTestDataServiceTest {

    private final SyntheticRecaps synthetic = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);
    private final FakeTestDataStore store = new FakeTestDataStore();
    private final VerifyTestDataService verify = new VerifyTestDataService(store, synthetic, new TextRecapJson());

    @BeforeEach
    void generate() {
        new GenerateTestDataService(store, synthetic, ReportProgressPort.NONE, 1_000)
                .generate(new GenerateTestDataCommand(IdRange.startingAt(1, 20_000), 2, false));
    }

    @Test
    void a_complete_data_set_passes_with_the_guides_three_checks() {
        VerificationReport report = verify.verify(new VerifyTestDataQuery(20_000L));
        assertThat(report.problems()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.count()).isEqualTo(20_000);
        assertThat(report.distribution().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        assertThat(report.samples()).containsOnlyKeys(1L, 1_000L, 10_000L);
    }

    @Test
    void a_gap_or_a_wrong_count_fails() {
        store.rows().remove(5_000L);
        assertThat(verify.verify(new VerifyTestDataQuery(null)).problems())
                .anySatisfy(p -> assertThat(p).contains("19,999 users stored but 20,000 expected"));
        store.rows().remove(1_000L);
        assertThat(verify.verify(new VerifyTestDataQuery(19_998L)).problems())
                .containsExactly("sample user 1000 is missing");
    }

    @Test
    void a_skewed_distribution_fails() {
        UserRecap heavy = new UserRecap("Budi Santoso", 500, 1L, 0L, null, 0L, null, null, 0L, 0L, null, null, null, null, null, null);
        for (long id = 2; id <= 4_000; id++) {
            store.rows().put(id, heavy);
        }
        VerificationReport report = verify.verify(new VerifyTestDataQuery(null));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("trx range 201+ holds"));
        assertThat(report.distribution().get(TrxRange.OVER_TWO_HUNDRED)).isGreaterThan(3_999);
    }

    @Test
    void a_sample_user_that_differs_from_the_data_set_fails() {
        UserRecap original = store.rows().get(10_000L);
        store.rows().put(10_000L, new UserRecap("Someone Else", original.trxCount(), original.variantCount(),
                original.totalPoint(), original.totalPointDescription(), original.totalPointPossibleRedeem(),
                original.totalPointProductName(), original.totalPointImage(), original.deliveryCount(),
                original.pickupCount(), original.cheaperSubsDesc(), original.cheaperSubsAmount(), original.topRanking(),
                original.listCircularImages(), original.listProductFavorite(), original.listFavoriteStore()));
        assertThat(verify.verify(new VerifyTestDataQuery(null)).problems())
                .containsExactly("sample user 10000 differs from the synthetic data set (seed 2025)");
    }

    @Test
    void an_empty_store_fails() {
        store.truncate();
        assertThat(verify.verify(new VerifyTestDataQuery(null)).problems()).containsExactly("no users are stored");
    }
}
