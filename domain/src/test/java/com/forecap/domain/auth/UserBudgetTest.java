package com.forecap.domain.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserBudgetTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long T0 = 7 * SECOND;
    private static final long CLIENT = 0x1234_5678_9abc_def0L;

    @Example
    void a_scraper_at_its_limit_costs_no_other_client_its_budget() {
        UserBudget budget = UserBudget.withDefaults(600, MINUTE);
        long scraper = 0xC633_6401L;
        for (long id = 1; id <= 600; id++) {
            assertThat(budget.admit(scraper, id, T0)).isZero();
        }
        assertThat(budget.admit(scraper, 601, T0)).isPositive();
        // five times as many clients as entries: each has two entries to choose from, and shares the
        // less used one when both are taken, never the scraper's full one
        for (long client = 1; client <= 20_000; client++) {
            for (int read = 0; read < 3; read++) {
                assertThat(budget.admit(client * 7_919, 1_000_000 + client, T0 + SECOND)).as("client %d", client).isZero();
            }
        }
        assertThat(budget.admit(scraper, 602, T0 + 2 * SECOND)).as("the scraper is still refused").isPositive();
    }

    @Example
    void two_clients_sharing_an_entry_each_reading_one_user_never_run_out() {
        // one entry for every client and 4 places: whatever the users, two of them fit
        for (long user = 1; user < 2_000; user += 2) {
            UserBudget shared = new UserBudget(10, MINUTE, 1, 4);
            for (int read = 0; read < 50; read++) {
                assertThat(shared.admit(CLIENT, user, T0 + read)).as("users %d and %d", user, user + 1).isZero();
                assertThat(shared.admit(CLIENT + 1, user + 1, T0 + read)).isZero();
            }
        }
    }

    @Example
    void check_predicts_admit_without_counting() {
        UserBudget budget = new UserBudget(2, MINUTE, 16, 64);
        assertThat(budget.check(CLIENT, 1, T0)).isZero();
        assertThat(budget.check(CLIENT, 2, T0)).isZero();
        assertThat(budget.check(CLIENT, 3, T0)).as("checks count nothing").isZero();
        assertThat(budget.admit(CLIENT, 1, T0)).isZero();
        assertThat(budget.admit(CLIENT, 2, T0)).isZero();
        assertThat(budget.check(CLIENT, 1, T0 + SECOND)).as("a user already counted").isZero();
        assertThat(budget.check(CLIENT, 3, T0 + SECOND)).isEqualTo(59 * SECOND);
        assertThat(budget.admit(CLIENT, 3, T0 + SECOND)).isEqualTo(59 * SECOND);
        assertThat(budget.check(CLIENT, 3, T0 + 60 * SECOND)).as("a new window").isZero();
    }

    @Example
    void a_client_reading_the_same_user_ten_thousand_times_is_always_admitted() {
        UserBudget budget = UserBudget.withDefaults(1, MINUTE);
        for (int i = 0; i < 10_000; i++) {
            assertThat(budget.admit(CLIENT, 42, T0 + i * MILLI)).as("read %d", i).isZero();
        }
    }

    @Example
    void counting_through_ids_is_admitted_for_exactly_the_limit_then_refused_until_the_window_ends() {
        UserBudget budget = UserBudget.withDefaults(600, MINUTE);
        for (int id = 1; id <= 600; id++) {
            assertThat(budget.admit(CLIENT, id, T0 + (id - 1) * MILLI)).as("id %d", id).isZero();
        }
        long refusedAt = T0 + 600 * MILLI;
        assertThat(budget.admit(CLIENT, 601, refusedAt)).isEqualTo(T0 + 60 * SECOND - refusedAt);
        assertThat(budget.admit(CLIENT, 602, T0 + 60 * SECOND - 1)).isEqualTo(1);

        long next = T0 + 60 * SECOND;
        for (int id = 601; id <= 1200; id++) {
            assertThat(budget.admit(CLIENT, id, next)).as("id %d", id).isZero();
        }
        assertThat(budget.admit(CLIENT, 1201, next)).isEqualTo(60 * SECOND);
        assertThat(budget.admit(CLIENT, 1, next + SECOND)).as("an id of the previous window counts anew").isEqualTo(59 * SECOND);
    }

    @Example
    void refusals_consume_no_budget_and_a_refused_id_is_not_remembered() {
        UserBudget budget = UserBudget.withDefaults(3, MINUTE);
        for (long id = 1; id <= 3; id++) {
            assertThat(budget.admit(CLIENT, id, T0)).isZero();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(budget.admit(CLIENT, 4 + i, T0 + SECOND)).isEqualTo(59 * SECOND);
        }
        assertThat(budget.admit(CLIENT, 4, T0 + 2 * SECOND)).isEqualTo(58 * SECOND);
        for (long id = 1; id <= 3; id++) {
            assertThat(budget.admit(CLIENT, id, T0 + 3 * SECOND)).as("id %d", id).isZero();
        }
    }

    @Example
    void a_thousand_clients_each_reading_their_own_user_are_never_refused_even_when_sharing_slots() {
        UserBudget budget = new UserBudget(600, MINUTE, 16, 256);
        for (int round = 0; round < 5; round++) {
            for (long client = 1; client <= 1_000; client++) {
                long now = T0 + round * SECOND + client * MILLI;
                assertThat(budget.admit(client, 1_000_000 + client, now)).as("client %d, round %d", client, round).isZero();
            }
        }
    }

    @Example
    void clients_sharing_a_slot_count_together_and_an_ended_window_is_reopened_by_the_next_client() {
        UserBudget budget = new UserBudget(5, MINUTE, 1, 256);
        for (long id = 1; id <= 3; id++) {
            assertThat(budget.admit(1, id, T0)).isZero();
        }
        assertThat(budget.admit(2, 10, T0 + SECOND)).isZero();
        assertThat(budget.admit(2, 11, T0 + SECOND)).isZero();
        assertThat(budget.admit(2, 12, T0 + 2 * SECOND)).isEqualTo(58 * SECOND);
        assertThat(budget.admit(1, 4, T0 + 2 * SECOND)).isEqualTo(58 * SECOND);
        assertThat(budget.admit(1, 1, T0 + 2 * SECOND)).isZero();
        assertThat(budget.admit(2, 11, T0 + 2 * SECOND)).isZero();

        long reopened = T0 + 90 * SECOND;
        for (long id = 20; id < 25; id++) {
            assertThat(budget.admit(2, id, reopened)).isZero();
        }
        assertThat(budget.admit(1, 1, reopened + SECOND)).isEqualTo(59 * SECOND);
    }

    @Example
    void a_scraper_mixing_re_reads_with_new_ids_never_gets_more_than_the_limit_per_window() {
        int limit = 50;
        UserBudget budget = new UserBudget(limit, MINUTE, 4096, 4);
        Random random = new Random(20251210L);
        List<Long> earlier = new ArrayList<>();
        Set<Long> admitted = new HashSet<>();
        long windowStart = T0;
        long nextId = 1;
        int windows = 1;
        int refusals = 0;
        for (int i = 0; i < 20_000; i++) {
            long now = T0 + i * 10 * MILLI;
            if (now - windowStart >= 60 * SECOND) {
                assertThat(admitted).as("window %d", windows).isNotEmpty();
                admitted.clear();
                windowStart = now;
                windows++;
            }
            long id = earlier.isEmpty() || random.nextBoolean() ? nextId++ : earlier.get(random.nextInt(earlier.size()));
            earlier.add(id);
            long retry = budget.admit(CLIENT, id, now);
            if (retry == 0) {
                admitted.add(id);
            } else {
                refusals++;
                assertThat(retry).isEqualTo(windowStart + 60 * SECOND - now);
            }
            assertThat(admitted).as("window %d", windows).hasSizeLessThanOrEqualTo(limit);
        }
        assertThat(windows).isGreaterThan(3);
        assertThat(refusals).isPositive();
    }

    @Property
    void any_sequence_of_reads_admits_at_most_the_limit_of_distinct_ids_per_window(
            @ForAll @Size(max = 400) List<@IntRange(min = 1, max = 40) Integer> users,
            @ForAll @IntRange(min = 0, max = 200) int stepMillis,
            @ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long start) {
        int limit = 10;
        UserBudget budget = new UserBudget(limit, Duration.ofSeconds(1), 1, 8);
        Set<Integer> admitted = new HashSet<>();
        long windowStart = start;
        for (int i = 0; i < users.size(); i++) {
            long now = start + (long) i * stepMillis * MILLI;
            if (now - windowStart >= SECOND) {
                admitted.clear();
                windowStart = now;
            }
            long retry = budget.admit(CLIENT, users.get(i), now);
            if (retry == 0) {
                admitted.add(users.get(i));
            } else {
                assertThat(retry).isEqualTo(SECOND - (now - windowStart));
            }
            assertThat(admitted).hasSizeLessThanOrEqualTo(limit);
        }
    }

    @Example
    void the_window_is_measured_across_the_wrap_of_the_nano_clock() {
        UserBudget budget = UserBudget.withDefaults(1, MINUTE);
        long start = Long.MAX_VALUE - 10 * SECOND;
        assertThat(budget.admit(CLIENT, 1, start)).isZero();
        assertThat(budget.admit(CLIENT, 2, start + 20 * SECOND)).isEqualTo(40 * SECOND);
        assertThat(budget.admit(CLIENT, 2, start + 60 * SECOND)).isZero();
    }

    @Example
    void a_reading_older_than_the_window_start_is_refused_for_at_most_the_window() {
        UserBudget budget = UserBudget.withDefaults(1, MINUTE);
        assertThat(budget.admit(CLIENT, 1, T0)).isZero();
        assertThat(budget.admit(CLIENT, 2, T0 - MILLI)).isEqualTo(60 * SECOND);
    }

    @Example
    void the_whole_user_id_range_is_told_apart_and_ids_outside_it_are_refused() {
        UserBudget budget = UserBudget.withDefaults(2, MINUTE);
        assertThat(budget.admit(CLIENT, 4_294_967_295L, T0)).isZero();
        assertThat(budget.admit(CLIENT, 1, T0)).isZero();
        assertThat(budget.admit(CLIENT, 4_294_967_294L, T0)).isPositive();
        assertThat(budget.admit(CLIENT, 4_294_967_295L, T0)).isZero();
        assertThatThrownBy(() -> budget.admit(CLIENT, 0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.admit(CLIENT, -1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.admit(CLIENT, 4_294_967_296L, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void invalid_settings_are_refused() {
        assertThatThrownBy(() -> UserBudget.withDefaults(0, MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserBudget.withDefaults(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UserBudget.withDefaults(1, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserBudget.withDefaults(1, Duration.ofSeconds(-60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserBudget.withDefaults(1, Duration.ofDays(1).plusNanos(1))).isInstanceOf(IllegalArgumentException.class);
        for (int slots : new int[] {0, -1, 3, 4095, Integer.MIN_VALUE, 1 << 21}) {
            assertThatThrownBy(() -> new UserBudget(1, MINUTE, slots, 256)).as("slots %d", slots)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slots");
        }
        for (int seen : new int[] {0, -2, 6, 255, 1 << 17}) {
            assertThatThrownBy(() -> new UserBudget(1, MINUTE, 4096, seen)).as("seen %d", seen)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seenPerSlot");
        }
        assertThatThrownBy(() -> new UserBudget(1, MINUTE, 1 << 20, 1 << 16)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new UserBudget(1, Duration.ofSeconds(1), 1, 1).limit()).isEqualTo(1);
        assertThat(new UserBudget(1, Duration.ofDays(1), 1 << 20, 64).window()).isEqualTo(Duration.ofDays(1));
    }

    @Example
    void reports_its_settings_and_worst_case_memory() {
        UserBudget budget = UserBudget.withDefaults(600, MINUTE);
        assertThat(budget.limit()).isEqualTo(600);
        assertThat(budget.window()).isEqualTo(MINUTE);
        assertThat(budget.worstCaseBytes()).isEqualTo(48L + 4096L * (72 + 256 * 4))
                .isBetween(4L << 20, 5L << 20);
        assertThat(new UserBudget(1, MINUTE, 16, 1 << 16).worstCaseBytes()).isGreaterThan(16L * (1 << 16) * 4);
    }

    @Example
    void threads_racing_on_one_client_are_admitted_for_exactly_the_limit_of_distinct_ids() throws Exception {
        int limit = 100_000;
        int threads = 8;
        int rounds = 5;
        UserBudget budget = UserBudget.withDefaults(limit, MINUTE);
        List<Set<Long>> admitted = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            admitted.add(ConcurrentHashMap.newKeySet());
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long thread = t;
            tasks.add(() -> {
                for (int round = 0; round < rounds; round++) {
                    start.await();
                    long now = T0 + round * 60 * SECOND;
                    long first = round * 10_000_000L + thread * 1_000_000L + 1;
                    for (long id = first; id < first + 25_000; id++) {
                        if (budget.admit(CLIENT, id, now) == 0) {
                            admitted.get(round).add(id);
                        }
                    }
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        }
        for (int round = 0; round < rounds; round++) {
            assertThat(admitted.get(round)).as("round %d", round).hasSize(limit);
        }
    }
}
