package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;

import java.util.List;

/**
 * Brings an aggregate up to date from the store: in full, or from a cached entry by reading only
 * the events after its sequence. When the store's answer does not follow on from the entry (a
 * gap: the subject was purged or the stream recreated) it loads in full.
 */
final class Loader<E, S> {

    private final EventStore store;
    private final Decider<?, E, S> decider;
    private final Class<E> eventType;
    private final int recentLimit;

    Loader(EventStore store, Decider<?, E, S> decider, Class<E> eventType, int recentLimit) {
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.recentLimit = recentLimit;
    }

    /** The aggregate folded from all its events. */
    Entry<E, S> load(String subject) {
        LoadResult loaded = store.load(subject, 0);
        RecentCommands<E> recent = new RecentCommands<>(recentLimit);
        return new Entry<>(fold(decider.initialState(), loaded.events(), recent), loaded.sequence(), recent);
    }

    /** The entry with the events stored after it folded in; the same instance when there are none. */
    Entry<E, S> topUp(String subject, Entry<E, S> entry) {
        LoadResult loaded = store.load(subject, entry.sequence());
        if (isGap(entry.sequence(), loaded)) {
            return load(subject);
        }
        if (loaded.events().isEmpty()) {
            return entry;
        }
        return new Entry<>(fold(entry.state(), loaded.events(), entry.recent()), loaded.sequence(), entry.recent());
    }

    /**
     * Whether a top-up after {@code cachedSequence} does not follow on from it: the subject went
     * back (purged, stream recreated), gave events we already have, or moved on without events.
     */
    private static boolean isGap(long cachedSequence, LoadResult loaded) {
        List<StoredEvent> events = loaded.events();
        if (loaded.sequence() < cachedSequence) {
            return true;
        }
        if (events.isEmpty()) {
            return loaded.sequence() != cachedSequence;
        }
        return events.getFirst().sequence() <= cachedSequence;
    }

    private S fold(S state, List<StoredEvent> events, RecentCommands<E> recent) {
        S current = state;
        for (StoredEvent event : events) {
            E data = dataOf(event);
            current = decider.evolve(current, data);
            recent.record(event, data);
        }
        return current;
    }

    /** The event's data as the decider's event type, or an error that names the event. */
    private E dataOf(StoredEvent event) {
        if (!eventType.isInstance(event.data())) {
            throw new EventDecodingException(event.type(), event.subject(), event.sequence(), new ClassCastException(
                    "it decodes to " + event.data().getClass().getName() + ", which is not a "
                            + eventType.getName() + " that " + decider.getClass().getName() + " folds; an event of"
                            + " another aggregate on this subject? Retrying will not help"));
        }
        return eventType.cast(event.data());
    }
}
