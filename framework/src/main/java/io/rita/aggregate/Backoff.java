package io.rita.aggregate;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between attempts after a conflict: exponential from {@code min}, capped at {@code max},
 * with full jitter so that writers that collided do not collide again in lock step.
 *
 * @param min the shortest pause
 * @param max the longest pause
 */
record Backoff(Duration min, Duration max) {

    /** The pause before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
    Duration delay(int attempt) {
        long minNanos = min.toNanos();
        long maxNanos = max.toNanos();
        long cap = minNanos << Math.min(attempt - 1, 30);
        if (cap <= 0 || cap > maxNanos) {
            cap = maxNanos;
        }
        return Duration.ofNanos(cap <= minNanos ? minNanos : ThreadLocalRandom.current().nextLong(minNanos, cap + 1));
    }

    /**
     * Sleeps for {@link #delay(int)}.
     *
     * @throws IllegalStateException when interrupted (the interrupt flag is restored)
     */
    void pause(int attempt) {
        try {
            Thread.sleep(delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off after a conflict", e);
        }
    }
}
