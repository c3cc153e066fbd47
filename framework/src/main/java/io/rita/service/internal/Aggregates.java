package io.rita.service.internal;

import io.rita.decider.Decider;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;

import java.util.List;

/**
 * Brings aggregates up to date: from the cache, topped up with the events after the cached
 * sequence, or loaded in full when not cached or when the store's answer does not follow on
 * from the cache (a gap: the subject was purged or the stream recreated).
 *
 * <p>Call within the subject's turn. On any failure the entry is dropped, so that a half-applied
 * top-up is never reused.
 */
public final class Aggregates {

    private final EventStore store;
    private final AggregateCache cache;
    private final int recentLimit;

    /** Aggregates of {@code store}, cached in {@code cache}, remembering {@code recentLimit} commands each. */
    public Aggregates(EventStore store, AggregateCache cache, int recentLimit) {
        this.store = store;
        this.cache = cache;
        this.recentLimit = recentLimit;
    }

    /** The aggregate's state at its latest sequence. */
    public <E, S> Snapshot current(String subject, Decider<?, E, S> view) {
        try {
            Snapshot cached = cache.get(subject, view);
            Snapshot current = cached == null ? load(subject, view) : topUp(subject, view, cached);
            if (current != cached) {
                cache.put(subject, view, current);
            }
            return current;
        } catch (RuntimeException e) {
            cache.remove(subject, view);
            throw e;
        }
    }

    /** Caches the aggregate as it is after a command of this process. */
    public void remember(String subject, Decider<?, ?, ?> view, Snapshot snapshot) {
        cache.put(subject, view, snapshot);
    }

    /** Drops the aggregate from the cache. */
    public void forget(String subject, Decider<?, ?, ?> view) {
        cache.remove(subject, view);
    }

    /** Drops every cached aggregate. */
    public void forgetAll() {
        cache.clear();
    }

    private <E, S> Snapshot load(String subject, Decider<?, E, S> view) {
        LoadResult loaded = store.load(subject, 0);
        RecentCommands recent = new RecentCommands(recentLimit);
        S state = fold(view, view.initialState(), loaded.events(), recent);
        return new Snapshot(state, loaded.sequence(), recent);
    }

    private <E, S> Snapshot topUp(String subject, Decider<?, E, S> view, Snapshot cached) {
        LoadResult loaded = store.load(subject, cached.sequence());
        List<Event> events = loaded.events();
        if (isGap(cached.sequence(), loaded)) {
            cache.remove(subject, view);
            return load(subject, view);
        }
        if (events.isEmpty()) {
            return cached;
        }
        @SuppressWarnings("unchecked")
        S state = (S) cached.state();
        return new Snapshot(fold(view, state, events, cached.recent()), loaded.sequence(), cached.recent());
    }

    /**
     * Whether a top-up after {@code cachedSequence} does not follow on from it: the subject went
     * back (purged, stream recreated), gave events we already have, or moved on without events.
     */
    private static boolean isGap(long cachedSequence, LoadResult loaded) {
        List<Event> events = loaded.events();
        if (loaded.sequence() < cachedSequence) {
            return true;
        }
        if (events.isEmpty()) {
            return loaded.sequence() != cachedSequence;
        }
        return events.getFirst().sequence() <= cachedSequence;
    }

    @SuppressWarnings("unchecked")
    private static <E, S> S fold(Decider<?, E, S> view, S state, List<Event> events, RecentCommands recent) {
        S current = state;
        for (Event event : events) {
            current = view.evolve(current, (E) event.data());
            recent.record(event);
        }
        return current;
    }
}
