package io.rita.aggregate;

import java.time.Duration;

/**
 * Paces the waits for a store that answers from behind what the engine knows it holds: a copy
 * that has not applied the latest writes (a follower, a newly elected stream leader) catches up
 * within milliseconds, so look again soon, then less often, until a deadline.
 */
final class CatchUp {

    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(5).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private final Duration timeout;

    CatchUp(Duration timeout) {
        this.timeout = timeout;
    }

    /** How long a wait may take in all. */
    Duration timeout() {
        return timeout;
    }

    /** The deadline of a wait that starts now, in {@link System#nanoTime()}. */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Sleeps before the next look: 5 ms after the first, doubling up to 100 ms, never past the
     * deadline.
     *
     * @return {@code false}, without sleeping, when the deadline has passed
     * @throws IllegalStateException when interrupted (the interrupt flag is restored)
     */
    boolean pause(int round, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        long pause = Math.min(LONGEST_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(round - 1, 10));
        try {
            Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store to catch up", e);
        }
        return true;
    }
}
