package com.forecap.adapter.out.mysql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitBudgetTest {

    @Test
    void a_saturated_pool_admits_every_read_that_can_start_within_the_budget() throws Exception {
        WaitBudget budget = new WaitBudget(2, Duration.ofSeconds(5));
        List<Future<Boolean>> reads = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                reads.add(threads.submit(() -> {
                    long entered = budget.enter();
                    Thread.sleep(2);
                    budget.leave(entered);
                    return true;
                }));
            }
            for (Future<Boolean> read : reads) {
                assertThat(read.get()).isTrue();
            }
        }
        assertThat(budget.refusedAtOnce() + budget.refusedAfterWaiting()).isZero();
    }

    @Test
    void an_overload_is_refused_at_once_once_the_predicted_wait_exceeds_the_budget() throws Exception {
        AtomicLong now = new AtomicLong();
        // a budget long in real time, so that all readers arrive while the first queued ones still wait,
        // however slowly a loaded machine starts them
        WaitBudget budget = new WaitBudget(2, Duration.ofMillis(2000), now::get);
        for (int i = 0; i < 60; i++) {
            long entered = budget.enter();
            now.addAndGet(Duration.ofMillis(800).toNanos());
            budget.leave(entered);
        }
        long first = budget.enter();
        long second = budget.enter();
        int readers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < readers; i++) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        budget.leave(budget.enter());
                        return "admitted";
                    } catch (WaitBudget.Refused e) {
                        return "refused";
                    }
                }));
            }
            start.countDown();
            for (Future<String> outcome : outcomes) {
                assertThat(outcome.get()).isEqualTo("refused");
            }
        } finally {
            budget.leave(first);
            budget.leave(second);
        }
        // 800 ms a read on 2 connections: at most 4 reads may queue within 2 s, the rest are refused unqueued
        assertThat(budget.refusedAfterWaiting()).isBetween(1L, 5L);
        assertThat(budget.refusedAtOnce()).isEqualTo(readers - budget.refusedAfterWaiting());
        assertThat(budget.waiting()).isZero();
    }

    @Test
    void a_refusal_says_why_and_the_pool_is_whole_afterwards() throws Exception {
        WaitBudget budget = new WaitBudget(1, Duration.ofMillis(20));
        long held = budget.enter();
        assertThatThrownBy(budget::enter).isInstanceOf(WaitBudget.Refused.class)
                .hasMessageContaining("MySQL is saturated").hasMessageContaining("20 ms");
        budget.leave(held);
        budget.leave(budget.enter());
        assertThatThrownBy(() -> new WaitBudget(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
