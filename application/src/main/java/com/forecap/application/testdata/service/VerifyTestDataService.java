package com.forecap.application.testdata.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.forecap.application.shared.port.out.CountStoredUsersPort;
import com.forecap.application.shared.port.out.RecapJsonPort;
import com.forecap.application.testdata.port.in.VerifyTestDataUseCase;
import com.forecap.application.testdata.port.out.InspectTestDataPort;
import com.forecap.application.testdata.synthetic.SyntheticRecaps;
import com.forecap.application.testdata.synthetic.TrxRange;
import com.forecap.domain.recap.UserRecap;
import com.forecap.domain.user.UserId;

/**
 * Verifies a stored data set: the count (exact), the share of each {@code trx_count} range (within a
 * tolerance that shrinks with the number of users), and that the guide's sample users are exactly the
 * synthetic data set's users.
 */
public final class VerifyTestDataService implements VerifyTestDataUseCase {

    private static final double MIN_TOLERANCE = 0.005;

    private final InspectTestDataPort store;
    private final SyntheticRecaps synthetic;
    private final RecapJsonPort json;

    /**
     * Creates the service.
     *
     * @param store     the stored data set
     * @param synthetic the data set it should hold
     * @param json      compares the stored list columns as JSON values
     */
    public VerifyTestDataService(InspectTestDataPort store, SyntheticRecaps synthetic, RecapJsonPort json) {
        this.store = Objects.requireNonNull(store, "store");
        this.synthetic = Objects.requireNonNull(synthetic, "synthetic");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public VerificationReport verify(VerifyTestDataQuery query) {
        List<String> problems = new ArrayList<>();
        CountStoredUsersPort.Totals totals = store.totals();
        long expected = query.expectedCount() == null ? totals.maxId() : query.expectedCount();
        if (totals.count() == 0) {
            problems.add("no users are stored");
        } else if (totals.count() != expected) {
            problems.add(String.format(Locale.ROOT, "%,d users stored but %,d expected%s", totals.count(), expected,
                    query.expectedCount() == null ? " (ids 1.." + totals.maxId() + " without gaps)" : ""));
        }

        Map<TrxRange, Long> distribution = new EnumMap<>(TrxRange.class);
        for (TrxRange range : TrxRange.values()) {
            distribution.put(range, 0L);
        }
        distribution.putAll(store.countPerTrxRange());
        long n = distribution.values().stream().mapToLong(Long::longValue).sum();
        if (n > 0) {
            for (TrxRange range : TrxRange.values()) {
                double share = distribution.get(range) / (double) n;
                double p = SyntheticRecaps.expectedShare(range);
                double tolerance = Math.max(MIN_TOLERANCE, 5 * Math.sqrt(p * (1 - p) / n));
                if (Math.abs(share - p) > tolerance) {
                    problems.add(String.format(Locale.ROOT, "trx range %s holds %.2f%% of users, expected %.2f%% ± %.2f",
                            range.label(), share * 100, p * 100, tolerance * 100));
                }
            }
        }

        List<Long> sampleIds = GUIDE_SAMPLE_IDS.stream().filter(id -> id <= totals.maxId()).toList();
        Map<Long, UserRecap> samples = new TreeMap<>(store.find(sampleIds));
        for (long id : sampleIds) {
            UserRecap stored = samples.get(id);
            if (stored == null) {
                problems.add("sample user " + id + " is missing");
            } else if (!same(stored, synthetic.recapOf(UserId.of(id)))) {
                problems.add("sample user " + id + " differs from the synthetic data set (seed " + synthetic.seed() + ")");
            }
        }
        return new VerificationReport(totals.count(), totals.maxId(), distribution, samples, List.copyOf(problems));
    }

    /** Field by field; the lists as JSON values, since the database may have reformatted their text. */
    private boolean same(UserRecap stored, UserRecap expected) {
        UserRecap withoutLists = new UserRecap(stored.userName(), stored.trxCount(), stored.variantCount(),
                stored.totalPoint(), stored.totalPointDescription(), stored.totalPointPossibleRedeem(),
                stored.totalPointProductName(), stored.totalPointImage(), stored.deliveryCount(), stored.pickupCount(),
                stored.cheaperSubsDesc(), stored.cheaperSubsAmount(), stored.topRanking(),
                expected.listCircularImages(), expected.listProductFavorite(), expected.listFavoriteStore());
        return withoutLists.equals(expected)
                && json.sameList(stored.listCircularImages(), expected.listCircularImages())
                && json.sameList(stored.listProductFavorite(), expected.listProductFavorite())
                && json.sameList(stored.listFavoriteStore(), expected.listFavoriteStore());
    }
}
