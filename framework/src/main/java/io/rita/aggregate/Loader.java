package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownEvent;
import io.rita.eventstore.UnknownTypes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings an aggregate up to date from the store: in full, or from a cached entry by reading only
 * the events after its sequence. When the store's answer does not follow on from the entry (a
 * gap: the subject was purged or the stream recreated) it loads in full.
 *
 * <p>Events of a type the registry does not know fail the load, unless the decider
 * {@linkplain Decider#skipsUnknownEventTypes() skips them}: then they are left out of the fold
 * (logged once per aggregate) but not out of the sequence, which is the store's last one either
 * way, so that the next append expects exactly what is stored.
 */
final class Loader<E, S> {

    private static final System.Logger LOG = System.getLogger(AggregateEngine.class.getName());
    /** Past this many aggregates the memory of which ones were logged starts again (a log line each, again). */
    private static final int REPORTED_LIMIT = 10_000;

    private final EventStore store;
    private final Decider<?, E, S> decider;
    private final Class<E> eventType;
    private final int recentLimit;
    private final UnknownTypes unknown;
    /** Aggregates whose skipped events were logged already: once per aggregate, not once per load. */
    private final Set<String> reportedSkips = ConcurrentHashMap.newKeySet();

    Loader(EventStore store, Decider<?, E, S> decider, Class<E> eventType, int recentLimit) {
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.recentLimit = recentLimit;
        this.unknown = decider.skipsUnknownEventTypes() ? UnknownTypes.KEEP : UnknownTypes.FAIL;
    }

    /** The aggregate folded from all its events. */
    Entry<E, S> load(String subject) {
        LoadResult loaded = store.load(subject, 0, unknown);
        RecentCommands<E> recent = new RecentCommands<>(recentLimit);
        return new Entry<>(fold(decider.initialState(), loaded.events(), recent), loaded.sequence(), recent);
    }

    /** The entry with the events stored after it folded in; the same instance when there are none. */
    Entry<E, S> topUp(String subject, Entry<E, S> entry) {
        LoadResult loaded = store.load(subject, entry.sequence(), unknown);
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
            if (event.data() instanceof UnknownEvent) {
                reportSkip(event);
                continue;
            }
            E data = dataOf(event);
            current = decider.evolve(current, data);
            recent.record(event, data);
        }
        return current;
    }

    private void reportSkip(StoredEvent event) {
        if (reportedSkips.size() > REPORTED_LIMIT) {
            reportedSkips.clear();
        }
        if (reportedSkips.add(event.subject())) {
            LOG.log(System.Logger.Level.WARNING, "skipping event of unknown type '" + event.type() + "' on "
                    + event.subject() + " at sequence " + event.sequence() + ": " + decider.getClass().getName()
                    + " skips unknown event types; further unknown events of " + event.subject()
                    + " are skipped without a log line");
        }
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
