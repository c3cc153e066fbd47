package io.rita.aggregate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How long the engine waits: the jittered backoff after a conflict, and the pauses while a store
 * catches up. Lower bounds only where a sleep is measured (a loaded machine only makes it longer).
 */
class PausesTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void the_first_retry_waits_the_minimum_and_each_later_one_at_most_twice_as_long_up_to_the_maximum() {
        Backoff backoff = new Backoff(MS, Duration.ofMillis(50));

        assertThat(backoff.delay(1)).isEqualTo(MS);
        IntStream.range(0, 200).forEach(i -> {
            assertThat(backoff.delay(2)).isBetween(MS, Duration.ofMillis(2));
            assertThat(backoff.delay(4)).isBetween(MS, Duration.ofMillis(8));
            assertThat(backoff.delay(30)).isBetween(MS, Duration.ofMillis(50));
        });
    }

    @Test
    void the_delay_is_jittered_across_its_whole_range() {
        Backoff backoff = new Backoff(MS, Duration.ofMillis(50));

        // 200 draws from [1, 50] ms: all of them in the lower or upper fifth has odds of about 2^-200
        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(10)))
                .anyMatch(d -> d.compareTo(Duration.ofMillis(10)) < 0)
                .anyMatch(d -> d.compareTo(Duration.ofMillis(40)) > 0);
    }

    @Test
    void a_doubling_that_overflows_waits_up_to_the_maximum() {
        Duration min = Duration.ofNanos(1L << 40);
        Backoff backoff = new Backoff(min, Duration.ofNanos(1L << 41));

        // min << 30 overflows a long: the cap is the maximum, not the minimum
        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(31)))
                .allMatch(d -> d.compareTo(min) >= 0 && d.compareTo(Duration.ofNanos(1L << 41)) <= 0)
                .anyMatch(d -> d.compareTo(min.multipliedBy(3).dividedBy(2)) > 0);
    }

    @Test
    void equal_minimum_and_maximum_wait_exactly_that_long() {
        assertThat(new Backoff(Duration.ofMillis(3), Duration.ofMillis(3)).delay(5)).isEqualTo(Duration.ofMillis(3));
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).delay(3)).isZero();
    }

    @Test
    void no_minimum_still_jitters_up_to_the_maximum() {
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ofMillis(10));

        // zero doubled is zero: the cap is the maximum, not the minimum
        assertThat(IntStream.range(0, 200).mapToObj(i -> backoff.delay(3)))
                .allMatch(d -> d.compareTo(Duration.ofMillis(10)) <= 0)
                .anyMatch(d -> d.compareTo(Duration.ofMillis(1)) > 0);
    }

    @Test
    void a_backoff_sleeps_at_least_its_delay() {
        Backoff backoff = new Backoff(Duration.ofMillis(30), Duration.ofMillis(30));

        assertThat(took(() -> backoff.pause(1))).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }

    @Test
    void an_interrupted_backoff_fails_and_keeps_the_interrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new Backoff(MS, MS).pause(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted while backing off");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void catching_up_pauses_longer_each_round_up_to_a_tenth_of_a_second() {
        CatchUp catchUp = new CatchUp(Duration.ofSeconds(30));
        long deadline = catchUp.deadline();

        assertThat(took(() -> assertThat(catchUp.pause(1, deadline)).isTrue())).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        assertThat(took(() -> assertThat(catchUp.pause(3, deadline)).isTrue())).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        // round 11 would be 5 s doubled on and on: capped at 100 ms (generous bound for a loaded machine)
        assertThat(took(() -> assertThat(catchUp.pause(11, deadline)).isTrue()))
                .isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
        assertThat(took(() -> assertThat(catchUp.pause(40, deadline)).isTrue()))
                .isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
    }

    @Test
    void catching_up_stops_at_the_deadline() {
        CatchUp catchUp = new CatchUp(Duration.ofSeconds(5));

        assertThat(catchUp.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(catchUp.deadline() - System.nanoTime()).isBetween(Duration.ofSeconds(1).toNanos(),
                Duration.ofSeconds(5).toNanos());
        assertThat(catchUp.pause(1, System.nanoTime() - 1)).isFalse();
        assertThat(new CatchUp(Duration.ZERO).pause(1, new CatchUp(Duration.ZERO).deadline())).isFalse();
    }

    @Test
    void an_interrupted_catch_up_fails_and_keeps_the_interrupt() {
        CatchUp catchUp = new CatchUp(Duration.ofSeconds(5));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> catchUp.pause(1, catchUp.deadline())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted while waiting for the store to catch up");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static Duration took(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
