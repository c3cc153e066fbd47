package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;
import io.rita.types.Encoded;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings an aggregate up to date from the store: in full (from its snapshot, when the engine keeps
 * snapshots and one fits, plus the events after it), or from a cached entry by reading only the
 * events after its sequence. When the store's answer does not follow on from the entry (a gap: the
 * subject was purged or the stream recreated) it loads in full.
 *
 * <p>An answer that goes back behind the entry is not believed at once: the entry came from the
 * store, so either events were removed since, or the copy that answered has not applied the
 * latest writes yet (a follower, a stream leader elected a moment ago). Folding that older state
 * would answer a read with less than an earlier read showed, and decide a command that stores
 * nothing (a refusal, which no expectation checks) on old data. So the loader looks again until
 * the store has caught up, or says that it is past the entry while the subject is not (a purge),
 * or the catch-up timeout has passed (a recreated stream).
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
    private final SnapshotKeeper<E, S> snapshots;
    private final CatchUp catchUp;
    private final UnknownTypes unknown;
    /** Aggregates whose skipped events were logged already: once per aggregate, not once per load. */
    private final Set<String> reportedSkips = ConcurrentHashMap.newKeySet();

    Loader(EventStore store, Decider<?, E, S> decider, Class<E> eventType, int recentLimit,
           SnapshotKeeper<E, S> snapshots, CatchUp catchUp) {
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.recentLimit = recentLimit;
        this.snapshots = snapshots;
        this.catchUp = catchUp;
        this.unknown = decider.skipsUnknownEventTypes() ? UnknownTypes.KEEP : UnknownTypes.FAIL;
    }

    /** The aggregate folded from all its events, or from its snapshot and the events after it. */
    Entry<E, S> load(String subject) {
        long started = System.nanoTime();
        Entry<E, S> entry = null;
        LoadResult loaded = null;
        if (snapshots.appliesTo(subject)) {
            // the snapshot and the events are read together: the events after the snapshot's covered
            // one, or all of them when it turns out there is none
            SnapshotKeeper.Reading reading = snapshots.startReading(subject);
            LoadResult tail = store.load(subject, reading.after(), unknown);
            entry = snapshots.restore(subject, reading, tail, this);
            loaded = reading.afterSnapshot() ? null : tail;
        }
        if (entry == null) {
            if (loaded == null) {
                loaded = read(subject, 0);
            }
            RecentCommands<E> recent = new RecentCommands<>(recentLimit);
            entry = new Entry<>(fold(decider.initialState(), loaded.events(), recent), loaded.sequence(), recent,
                    lastEventId(loaded, null), loaded.events().size());
        }
        return snapshots.timed(entry, System.nanoTime() - started);
    }

    /** The entry to cache after a command or read: with its snapshot count reset when a snapshot of it is due. */
    Entry<E, S> keep(String subject, Entry<E, S> entry) {
        return snapshots.consider(subject, entry);
    }

    /** The subject's events after {@code afterSequence}, unknown types kept or refused as the decider wants. */
    LoadResult read(String subject, long afterSequence) {
        return store.load(subject, afterSequence, unknown);
    }

    /** The entry with the events stored after it folded in; the same instance when there are none. */
    Entry<E, S> topUp(String subject, Entry<E, S> entry) {
        LoadResult loaded = read(subject, entry.sequence());
        if (loaded.sequence() < entry.sequence()) {
            loaded = whenBehind(subject, entry.sequence(), loaded);
        }
        if (isGap(entry.sequence(), loaded)) {
            return load(subject);
        }
        if (loaded.events().isEmpty()) {
            return entry;
        }
        return entry.advanced(fold(entry.state(), loaded.events(), entry.recent()), loaded.sequence(),
                lastEventId(loaded, null), loaded.events().size());
    }

    /** The id of the first event at the load's last sequence, or {@code otherwise} when it read none there. */
    static String lastEventId(LoadResult loaded, String otherwise) {
        List<StoredEvent> events = loaded.events();
        String id = otherwise;
        for (int i = events.size() - 1; i >= 0 && events.get(i).sequence() == loaded.sequence(); i--) {
            id = events.get(i).id(); // events of one append share a sequence: the first of them is the message's id
        }
        return id;
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
            loaded = read(subject, cached);
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

    /** Folds {@code events} into {@code state}, noting their commands in {@code recent}. */
    S fold(S state, List<StoredEvent> events, RecentCommands<E> recent) {
        S current = state;
        for (StoredEvent event : events) {
            if (event.data() instanceof Encoded) {
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
