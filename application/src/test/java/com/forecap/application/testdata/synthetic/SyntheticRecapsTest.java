package com.forecap.application.testdata.synthetic;

import java.util.EnumMap;
import java.util.Map;

import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticRecapsTest {

    private final SyntheticRecaps recaps = new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED);

    @Property
    void the_same_seed_and_user_give_the_same_recap(@ForAll @LongRange(min = 1, max = 4_294_967_295L) long id) {
        assertThat(new SyntheticRecaps(SyntheticRecaps.DEFAULT_SEED).recapOf(UserId.of(id)))
                .isEqualTo(recaps.recapOf(UserId.of(id)));
    }

    @Example
    void another_seed_gives_another_data_set() {
        SyntheticRecaps other = new SyntheticRecaps(7);
        long differing = 0;
        for (long id = 1; id <= 100; id++) {
            if (!other.recapOf(UserId.of(id)).equals(recaps.recapOf(UserId.of(id)))) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(90);
    }

    @Property(tries = 2000)
    void derived_fields_follow_the_contract(@ForAll @LongRange(min = 1, max = 10_000_000) long id) {
        UserRecap r = recaps.recapOf(UserId.of(id));
        int trx = Math.toIntExact(r.trxCount());
        assertThat(trx).isBetween(0, 1000);
        assertThat(r.userName()).matches("[A-Z][a-z]+ [A-Z][a-z]+");
        if (trx == 0) {
            assertThat(r.variantCount()).isZero();
            assertThat(r.listProductFavorite()).isNull();
            assertThat(r.listFavoriteStore()).isNull();
            assertThat(r.listCircularImages()).isNull();
        } else {
            assertThat(r.variantCount()).isBetween(1L, (long) Math.min(10, trx));
            // the lists' JSON shape, order and sizes are checked with a JSON parser in the json adapter's tests
            assertThat(r.listProductFavorite().json()).matches("\\[\\{\"productName\":\"[^\"]+\",\"countCups\":[1-9]\\d*,\"productImage\":\"/img/p\\d+\\.png\"}.*]");
            assertThat(r.listFavoriteStore().json()).startsWith("[{\"storeName\":\"Forecap ");
            assertThat(r.listCircularImages().json()).matches("\\[\"/img/p\\d+\\.png\"(,\"/img/p\\d+\\.png\"){0,2}]");
        }
        assertThat(r.totalPoint()).isBetween(8L * trx, 15L * trx);
        assertThat(r.totalPointPossibleRedeem()).isEqualTo(r.totalPoint() / 25);
        assertThat(r.deliveryCount()).isBetween(trx * 30L / 100, trx * 70L / 100);
        assertThat(r.deliveryCount() + r.pickupCount()).isEqualTo(trx);
        if (trx > 100) {
            assertThat(r.topRanking()).isBetween(1L, 1000L);
        } else {
            assertThat(r.topRanking()).isNull();
        }
        if (trx > 50) {
            assertThat(r.cheaperSubsAmount().intValueExact()).isBetween(100_000, 500_000);
            assertThat(r.cheaperSubsDesc()).matches("\\d{3}rb Rupiah");
        } else {
            assertThat(r.cheaperSubsAmount()).isNull();
            assertThat(r.cheaperSubsDesc()).isNull();
        }
    }

    @Example
    void trx_distribution_matches_the_contract_shares() {
        int n = 200_000;
        Map<TrxRange, Integer> counts = new EnumMap<>(TrxRange.class);
        for (long id = 1; id <= n; id++) {
            counts.merge(TrxRange.of(recaps.recapOf(UserId.of(id)).trxCount()), 1, Integer::sum);
        }
        for (TrxRange range : TrxRange.values()) {
            assertThat(counts.get(range) / (double) n).as(range.label())
                    .isCloseTo(SyntheticRecaps.expectedShare(range), within(0.005));
        }
    }

    @Example
    void expected_shares_follow_from_the_bands_users_are_drawn_from() {
        assertThat(SyntheticRecaps.expectedShare(TrxRange.ZERO)).isCloseTo(0.50 / 11, within(1e-12));
        assertThat(SyntheticRecaps.expectedShare(TrxRange.ONE_TO_TEN)).isCloseTo(0.50 * 10 / 11, within(1e-12));
        assertThat(SyntheticRecaps.expectedShare(TrxRange.ELEVEN_TO_FIFTY)).isCloseTo(0.30, within(1e-12));
        assertThat(SyntheticRecaps.expectedShare(TrxRange.FIFTY_ONE_TO_TWO_HUNDRED)).isCloseTo(0.15, within(1e-12));
        assertThat(SyntheticRecaps.expectedShare(TrxRange.OVER_TWO_HUNDRED)).isCloseTo(0.05, within(1e-12));
    }
}
