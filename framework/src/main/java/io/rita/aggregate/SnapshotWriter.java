package io.rita.aggregate;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Stores snapshots off the command path: a bounded queue of pending writes, newest per subject
 * (a snapshot of a later sequence replaces one of the same aggregate not yet written; one of an
 * earlier sequence, which an eviction racing the aggregate's next command can hand in after a
 * newer one, does not), drained by up to {@code writers} virtual threads that exist only while
 * there is work. Snapshots of different aggregates are written side by side (a graceful stop
 * hands in one per changed cached aggregate, thousands at once, and each write waits a round
 * trip); never two of one aggregate, so that they are stored in the order they were taken.
 * Submitting never blocks: when the queue is full the snapshot is dropped (the aggregate is
 * snapshotted again after its next events). Failures are logged once, and once more when
 * writing works again, not once per snapshot.
 */
final class SnapshotWriter {

    private static final System.Logger LOG = System.getLogger(Snapshots.class.getName());

    private final String name;
    private final int capacity;
    private final int writers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    /** The subjects whose snapshots are being written now, one per running writer at most. */
    private final Set<String> writing = new HashSet<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private int running;
    private boolean full;

    /**
     * A writer for the snapshots of {@code name} (for log lines), holding at most {@code capacity}
     * pending and writing at most {@code writers} at once.
     */
    SnapshotWriter(String name, int capacity, int writers) {
        this.name = name;
        this.capacity = capacity;
        this.writers = writers;
    }

    /** A snapshot waiting to be written: the sequence it covers, and the write. */
    private record Pending(long sequence, Runnable write) {
    }

    /** Queues {@code write}, a snapshot of {@code subject} at {@code sequence}, as its pending one; returns at once. */
    void submit(String subject, long sequence, Runnable write) {
        lock.lock();
        try {
            Pending waiting = pending.get(subject);
            if (waiting != null && waiting.sequence() > sequence) {
                return;
            }
            if (waiting == null && pending.size() >= capacity) {
                if (!full) {
                    full = true;
                    LOG.log(System.Logger.Level.WARNING, "snapshots of {0}: {1} are waiting to be stored, dropping"
                            + " newer ones until the store keeps up (logged once)", name, capacity);
                }
                return;
            }
            pending.put(subject, new Pending(sequence, write));
            if (running < writers) {
                running++;
                Thread.ofVirtual().name("rita-snapshots-" + name).start(this::drain);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One writer: takes the oldest pending snapshot of an aggregate that no other writer is
     * writing, writes it, and goes on; stops when there is none (a snapshot of an aggregate being
     * written is left to the writer that writes it, which takes it next).
     */
    private void drain() {
        String current = null;
        while (true) {
            Runnable next;
            lock.lock();
            try {
                if (current != null) {
                    writing.remove(current);
                }
                Map.Entry<String, Pending> free = firstFree();
                if (free == null) {
                    if (--running == 0) {
                        full = false;
                        idle.signalAll();
                    }
                    return;
                }
                current = free.getKey();
                next = free.getValue().write();
                pending.remove(current);
                writing.add(current);
                room.signalAll();
            } finally {
                lock.unlock();
            }
            run(next);
        }
    }

    /** The oldest pending snapshot whose aggregate is not being written, or {@code null}. */
    private Map.Entry<String, Pending> firstFree() {
        Iterator<Map.Entry<String, Pending>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Pending> entry = entries.next();
            if (!writing.contains(entry.getKey())) {
                return entry;
            }
        }
        return null;
    }

    private void run(Runnable write) {
        try {
            write.run();
            if (failing.compareAndSet(true, false)) {
                LOG.log(System.Logger.Level.INFO, "snapshots of {0} are stored again", name);
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "snapshots of " + name + " cannot be stored; commands go on and"
                        + " cold aggregates are folded from their events (logged once until a snapshot is stored)", e);
            }
        }
    }

    /**
     * Waits until fewer than the capacity are pending, so that the next {@link #submit} is not
     * dropped, at most until {@code deadline} ({@link System#nanoTime()}); returns whether there is room.
     */
    boolean awaitRoom(long deadline) throws InterruptedException {
        return awaitUntil(() -> pending.size() < capacity, room, deadline);
    }

    /** Waits until nothing is pending or being written; returns whether that happened in time. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> running == 0, idle, System.nanoTime() + timeout.toNanos());
    }

    /** Waits on {@code signal} until {@code done} holds (checked under the lock) or {@code deadline} passes. */
    private boolean awaitUntil(BooleanSupplier done, Condition signal, long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                signal.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
