package io.rita.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one log line through per interval and counts the ones it holds back: a failure that hits
 * every request (a store that is gone, a cluster electing a leader) logs a line every few
 * seconds, not one per request. Thread-safe.
 */
final class LogEvery {

    /** What {@link #pass()} returns for a line to hold back. */
    static final int HOLD = -1;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lastPassed;
    private final AtomicInteger held = new AtomicInteger();

    LogEvery(Duration interval) {
        this(interval, System::nanoTime);
    }

    LogEvery(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastPassed = new AtomicLong(nanoTime.getAsLong() - intervalNanos); // the first line passes
    }

    /**
     * Whether to log now: the number of lines held back since the last one that passed, or
     * {@link #HOLD}. Of many threads at once, one passes.
     */
    int pass() {
        long now = nanoTime.getAsLong();
        long last = lastPassed.get();
        if (now - last >= intervalNanos && lastPassed.compareAndSet(last, now)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return HOLD;
    }

    /** " (and 3 more requests since the last such line)", or "" when none was held back. */
    static String heldBack(int held) {
        return held > 0 ? " (and " + held + " more requests since the last such line)" : "";
    }
}
