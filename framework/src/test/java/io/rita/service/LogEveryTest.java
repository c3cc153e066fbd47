package io.rita.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One log line per interval, with a count of the ones held back. */
class LogEveryTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LogEvery log = new LogEvery(Duration.ofSeconds(5), now::get);

    @Test
    void lets_the_first_line_through_holds_the_rest_back_for_the_interval_and_counts_them() {
        assertThat(log.pass()).isZero();
        assertThat(log.pass()).isEqualTo(LogEvery.HOLD);
        now.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(log.pass()).isEqualTo(LogEvery.HOLD);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(log.pass()).as("the two held back since").isEqualTo(2);
        assertThat(log.pass()).isEqualTo(LogEvery.HOLD);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(log.pass()).isEqualTo(1);
    }

    @Test
    void of_many_threads_at_once_one_passes() throws Exception {
        LogEvery shared = new LogEvery(Duration.ofSeconds(5), () -> 42L);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> passes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 64; i++) {
                passes.add(threads.submit(() -> {
                    start.await();
                    return shared.pass();
                }));
            }
            start.countDown();
        }
        long passed = 0;
        for (Future<Integer> pass : passes) {
            passed += pass.get() == LogEvery.HOLD ? 0 : 1;
        }
        assertThat(passed).isEqualTo(1);
    }

    @Test
    void says_how_many_were_held_back_only_when_some_were() {
        assertThat(LogEvery.heldBack(0)).isEmpty();
        assertThat(LogEvery.heldBack(3)).isEqualTo(" (and 3 more requests since the last such line)");
    }
}
