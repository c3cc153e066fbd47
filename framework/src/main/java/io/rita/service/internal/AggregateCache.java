package io.rita.service.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, least-recently-used cache of aggregates, keyed by subject and by the decider that
 * folded them (two deciders over one subject have two states).
 *
 * <p>Thread-safe; callers serialise work per subject with {@link Turns}, so an entry is only
 * replaced by the holder of its turn.
 */
public final class AggregateCache {

    private record Key(String subject, Object view) {
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Snapshot> entries;

    /** A cache of at most {@code capacity} aggregates ({@code 0}: keeps nothing). */
    public AggregateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Snapshot> eldest) {
                return size() > AggregateCache.this.capacity;
            }
        };
    }

    /** The cached aggregate, or {@code null}. */
    public Snapshot get(String subject, Object view) {
        lock.lock();
        try {
            return entries.get(new Key(subject, view));
        } finally {
            lock.unlock();
        }
    }

    /** Caches an aggregate, evicting the least recently used one when full. */
    public void put(String subject, Object view, Snapshot snapshot) {
        if (capacity == 0) {
            return;
        }
        lock.lock();
        try {
            entries.put(new Key(subject, view), snapshot);
        } finally {
            lock.unlock();
        }
    }

    /** Drops an aggregate, so that the next use loads it in full. */
    public void remove(String subject, Object view) {
        lock.lock();
        try {
            entries.remove(new Key(subject, view));
        } finally {
            lock.unlock();
        }
    }

    /** Drops every aggregate. */
    public void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    /** How many aggregates are cached. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
