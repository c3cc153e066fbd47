package io.rita.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * A bounded, least-recently-used cache of one engine's aggregates, keyed by subject (the
 * engine is per decider, so subject and decider together are the key).
 *
 * <p>Thread-safe; an entry is only replaced by its aggregate's line leader. A lock rather than
 * {@code synchronized}, so that a virtual thread never pins its carrier here. The aggregate that
 * a {@link #put} pushes out goes to the eviction listener, inside the lock (in whichever line
 * leader's thread put): the listener must be quick and must not use this cache.
 */
final class AggregateCache<E, S> {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry<E, S>> entries;

    /**
     * A cache of at most {@code capacity} aggregates ({@code 0}: keeps nothing) that hands each
     * one it evicts to {@code evicted}.
     */
    AggregateCache(int capacity, BiConsumer<String, Entry<E, S>> evicted) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, io.rita.aggregate.Entry<E, S>> eldest) {
                if (size() <= AggregateCache.this.capacity) {
                    return false;
                }
                evicted.accept(eldest.getKey(), eldest.getValue());
                return true;
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

    /**
     * Replaces {@code subject}'s entry with {@code next} if it is still {@code current} (its line
     * leader may have moved it on meanwhile, and then keeps its own).
     */
    void replace(String subject, Entry<E, S> current, Entry<E, S> next) {
        lock.lock();
        try {
            entries.replace(subject, current, next);
        } finally {
            lock.unlock();
        }
    }

    /** The cached aggregates, least recently used first, copied. */
    List<Map.Entry<String, Entry<E, S>>> copy() {
        lock.lock();
        try {
            List<Map.Entry<String, Entry<E, S>>> copy = new ArrayList<>(entries.size());
            entries.forEach((subject, entry) -> copy.add(Map.entry(subject, entry)));
            return copy;
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
