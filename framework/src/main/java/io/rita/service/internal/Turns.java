package io.rita.service.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Per-aggregate turns within one process: work on one subject runs one at a time, work on
 * different subjects runs in parallel (unless two subjects share a stripe, which is rare with
 * many stripes and costs only waiting).
 *
 * <p>Why: two requests of this process on one aggregate would otherwise race each other to the
 * store and one would lose a conflict it need not have. Striped {@link ReentrantLock}s (not
 * {@code synchronized}) so that a virtual thread waiting for its turn, or doing I/O in it, does
 * not pin its carrier thread. Fair locks: on a hot aggregate an unfair lock lets a request that
 * just arrived (or the one that just finished) take the turn ahead of those already waiting, so
 * a few requests wait far longer than the rest; first come, first served keeps the p99 latency
 * close to the median at a small cost in throughput.
 */
public final class Turns {

    private final ReentrantLock[] stripes;

    /** Turns over {@code stripes} locks, rounded up to a power of two. */
    public Turns(int stripes) {
        int size = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
        this.stripes = new ReentrantLock[size];
        for (int i = 0; i < size; i++) {
            this.stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} in the turn of {@code subject}, waiting for it if needed. */
    public <T> T run(String subject, Supplier<T> work) {
        int hash = subject.hashCode();
        ReentrantLock lock = stripes[(hash ^ (hash >>> 16)) & (stripes.length - 1)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
