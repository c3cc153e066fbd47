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
 *
 * <p>An answer that goes back behind the entry is not believed at once: the entry came from the
 * store, so either events were removed since, or the copy that answered has not applied the
 * latest writes yet (a follower, a stream leader elected a moment ago). Folding that older state
 * would answer a read with less than an earlier read showed, and decide a command that stores
 * nothing (a refusal, which no expectation checks) on old data. So the loader looks again until
 * the store has caught up, or says that it is past the entry while the subject is not (a purge),
 * or the catch-up timeout has passed (a recreated stream).
 */
final class Loader<E, S> {

    private static final System.Logger LOG = System.getLogger(Loader.class.getName());

    private final EventStore store;
    private final Decider<?, E, S> decider;
    private final Class<E> eventType;
    private final int recentLimit;
    private final CatchUp catchUp;

    Loader(EventStore store, Decider<?, E, S> decider, Class<E> eventType, int recentLimit, CatchUp catchUp) {
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.recentLimit = recentLimit;
        this.catchUp = catchUp;
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
        if (loaded.sequence() < entry.sequence()) {
            loaded = whenBehind(subject, entry.sequence(), loaded);
        }
        if (isGap(entry.sequence(), loaded)) {
            return load(subject);
        }
        if (loaded.events().isEmpty()) {
            return entry;
        }
        return new Entry<>(fold(entry.state(), loaded.events(), entry.recent()), loaded.sequence(), entry.recent());
    }

    /**
     * Looks again at a subject that answered from behind the cached sequence, until the answer
     * can be believed: the store caught up, or it is past the entry and the subject is not (events
     * were removed), or it stayed behind for the catch-up timeout (a recreated stream).
     */
    private LoadResult whenBehind(String subject, long cached, LoadResult behind) {
        long deadline = catchUp.deadline();
        LoadResult loaded = behind;
        for (int round = 1; ; round++) {
            long position = store.lastSequence(); // before the subject's read, so that the read includes it
            loaded = store.load(subject, cached);
            if (loaded.sequence() >= cached || position >= cached) {
                return loaded;
            }
            if (!catchUp.pause(round, deadline)) {
                LOG.log(System.Logger.Level.INFO, "{0} stayed at sequence {1}, behind the {2} this process had seen,"
                        + " for {3} ms (store {4} at {5}): taking it as recreated and loading it in full", subject,
                        loaded.sequence(), cached, catchUp.timeout().toMillis(), store.name(), position);
                return loaded;
            }
        }
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
