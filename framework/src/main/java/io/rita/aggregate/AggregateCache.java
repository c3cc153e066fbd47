package io.rita.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, least-recently-used cache of one engine's aggregates, keyed by subject (the
 * engine is per decider, so subject and decider together are the key).
 *
 * <p>Thread-safe; an entry is only replaced by its aggregate's line leader. A lock rather than
 * {@code synchronized}, so that a virtual thread never pins its carrier here.
 */
final class AggregateCache<E, S> {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry<E, S>> entries;

    /** A cache of at most {@code capacity} aggregates ({@code 0}: keeps nothing). */
    AggregateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, io.rita.aggregate.Entry<E, S>> eldest) {
                return size() > AggregateCache.this.capacity;
            }
        };
    }

    /** The cached aggregate, or {@code null}. */
    Entry<E, S> get(String subject) {
        lock.lock();
        try {
            return entries.get(subject);
        } finally {
            lock.unlock();
        }
    }

    /** Caches an aggregate, evicting the least recently used one when full. */
    void put(String subject, Entry<E, S> entry) {
        if (capacity == 0) {
            return;
        }
        lock.lock();
        try {
            entries.put(subject, entry);
        } finally {
            lock.unlock();
        }
    }

    /** Drops an aggregate, so that its next use loads it in full. */
    void remove(String subject) {
        lock.lock();
        try {
            entries.remove(subject);
        } finally {
            lock.unlock();
        }
    }

    /** Drops every aggregate. */
    void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }
}
