package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.Snapshot;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.Subjects;
import io.rita.types.Codec;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An engine's side of {@link Snapshots}: restores a cold aggregate from its snapshot and the
 * events after it, and hands a snapshot to the {@link SnapshotWriter} when one is due. With
 * snapshots off it restores nothing and takes nothing.
 *
 * <p>A snapshot may make a load faster, never wrong: it is used only when its version and state
 * type are this engine's, its bytes decode, and the event it says it covers is still stored at
 * its sequence with its id (else the stream was purged or recreated since). Anything else is
 * one log line and a full fold.
 */
final class SnapshotKeeper<E, S> {

    private static final System.Logger LOG = System.getLogger(Snapshots.class.getName());
    /** Snapshots waiting to be written per engine; beyond it, new ones are dropped. */
    private static final int PENDING = 1_000;
    /**
     * Snapshots written at once per engine, each its own round trip: at a stop, 2,000 aggregates
     * with 0.5 ms round trips took 1.9-2.2 s one at a time, 0.22-0.47 s sixteen at a time.
     */
    private static final int WRITERS = 16;

    private final EventStore store;
    private final Snapshots options;
    private final Codec codec;
    private final Class<?> stateType;
    private final Class<E> eventType;
    private final int recentLimit;
    private final SnapshotWriter writer;

    private SnapshotKeeper(EventStore store, Snapshots options, Codec codec, Class<?> stateType, Class<E> eventType,
                           int recentLimit, SnapshotWriter writer) {
        this.store = store;
        this.options = options;
        this.codec = codec;
        this.stateType = stateType;
        this.eventType = eventType;
        this.recentLimit = recentLimit;
        this.writer = writer;
    }

    /**
     * The keeper of an engine.
     *
     * @throws IllegalArgumentException when snapshots are on and the state type is neither given nor declared
     */
    static <E, S> SnapshotKeeper<E, S> of(EventStore store, Decider<?, E, S> decider, EngineOptions engine,
                                         Class<E> eventType) {
        Snapshots options = engine.snapshots();
        if (!options.enabled()) {
            return new SnapshotKeeper<>(store, options, null, null, eventType, engine.recentCommands(), null);
        }
        Class<?> stateType = options.stateType() != null ? options.stateType() : EventTypes.stateOf(decider);
        if (stateType == Object.class) {
            throw new IllegalArgumentException(decider.getClass().getName() + " does not declare its state type"
                    + " (implements Decider<C, E, S>), which snapshots decode into; name it with"
                    + " Snapshots.withStateType(...)");
        }
        Codec codec = options.codec() != null ? options.codec() : store.options().types().json();
        SnapshotWriter writer = new SnapshotWriter(stateType.getSimpleName() + " in " + store.name(), PENDING, WRITERS);
        return new SnapshotKeeper<>(store, options, codec, stateType, eventType, engine.recentCommands(), writer);
    }

    /** Whether a cold load of {@code subject} starts from a snapshot: on, and one aggregate (orders.* is folded). */
    boolean appliesTo(String subject) {
        return options.enabled() && Subjects.isConcrete(subject);
    }

    /**
     * A snapshot's read under way, and the sequence to read the events after as its headers say:
     * the one before the covered event, which the load reads to check that it is still there; or
     * {@code 0} when there is no snapshot, it cannot be read, or it is of another state version.
     */
    record Reading(CompletableFuture<Optional<Snapshot>> snapshot, CompletableFuture<Long> after) {

        /** Whether the events were read after a snapshot's covered event (so not from the start). */
        boolean afterSnapshot() {
            return after.join() > 0; // complete: the load waited for it
        }
    }

    /** Starts reading {@code subject}'s snapshot; the engine reads the events at the same time. */
    Reading startReading(String subject) {
        CompletableFuture<Optional<Snapshot>> read;
        try {
            read = options.store().readAsync(subject);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> after = read.handle((snapshot, error) -> error == null && snapshot.isPresent()
                && snapshot.get().version() == options.version() ? snapshot.get().sequence() - 1 : 0L);
        return new Reading(read, after);
    }

    /**
     * The aggregate from its snapshot and {@code tail}, the events read after
     * {@link Reading#after()}; or {@code null} when no snapshot fits (then the loader folds every
     * event: {@code tail} when it was read from the start, else a new read).
     */
    Entry<E, S> restore(String subject, Reading reading, LoadResult tail, Loader<E, S> loader) {
        Snapshot snapshot;
        try {
            snapshot = reading.snapshot().join().orElse(null);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return ignore(subject, "could not be read (" + cause.getMessage() + ")");
        }
        if (snapshot == null) {
            LOG.log(System.Logger.Level.DEBUG, "no snapshot of {0}: folding it from its events", subject);
            return null;
        }
        if (snapshot.version() != options.version()) {
            return ignore(subject, "is of state version " + snapshot.version() + ", not " + options.version());
        }
        S state;
        RecentCommands<E> recent = new RecentCommands<>(recentLimit);
        try {
            SnapshotFormat.Parts parts = SnapshotFormat.decode(snapshot.data());
            if (!parts.stateType().equals(stateType.getName())) {
                return ignore(subject, "holds a " + parts.stateType() + ", not a " + stateType.getName());
            }
            state = decodeState(parts);
            restoreRecent(parts.recent(), recent);
        } catch (RuntimeException e) {
            return ignore(subject, "does not decode (" + e.getMessage() + ")");
        }
        // the tail starts at the covered event: it must still be there, or the snapshot is of another life of the stream
        List<StoredEvent> events = tail.events();
        if (events.isEmpty() || events.getFirst().sequence() != snapshot.sequence()
                || !events.getFirst().id().equals(snapshot.eventId())) {
            return ignore(subject, "covers event " + snapshot.eventId() + " at sequence " + snapshot.sequence()
                    + ", which the store no longer holds there (purged, or the stream was recreated)");
        }
        List<StoredEvent> after = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            if (event.sequence() > snapshot.sequence()) {
                after.add(event);
            }
        }
        return new Entry<>(loader.fold(state, after, recent), tail.sequence(), recent,
                Loader.lastEventId(tail, null), after.size());
    }

    @SuppressWarnings("unchecked") // decoded into the state type this engine's decider declares
    private S decodeState(SnapshotFormat.Parts parts) {
        if (!parts.codec().equals(codec.name())) {
            throw new IllegalArgumentException("it is encoded with codec '" + parts.codec() + "', not '"
                    + codec.name() + "'");
        }
        return (S) codec.decode(parts.state(), stateType);
    }

    private void restoreRecent(List<SnapshotFormat.Command> commands, RecentCommands<E> recent) {
        TypeRegistry types = store.options().types();
        for (SnapshotFormat.Command command : commands) {
            List<E> events = new ArrayList<>(command.events().size());
            for (Encoded encoded : command.events()) {
                Object data = types.decode(encoded.type(), encoded.codec(), encoded.version(), encoded.data())
                        .orElseThrow(() -> new IllegalArgumentException("event type '" + encoded.type()
                                + "' of a recent command is not registered"));
                if (!eventType.isInstance(data)) {
                    throw new IllegalArgumentException("a recent command's event is a " + data.getClass().getName()
                            + ", not a " + eventType.getName());
                }
                events.add(eventType.cast(data));
            }
            recent.record(command.id(), command.sequence(), events);
        }
    }

    private Entry<E, S> ignore(String subject, String why) {
        LOG.log(System.Logger.Level.INFO, "ignoring the snapshot of {0}: it {1}; folding it from its events",
                subject, why);
        return null;
    }

    /** The entry as loaded, marked as due for a snapshot when the load took longer than the options allow. */
    Entry<E, S> timed(Entry<E, S> entry, long loadNanos) {
        if (options.enabled() && entry.sinceSnapshot() > 0 && loadNanos > options.slowLoad().toNanos()) {
            return entry.withSinceSnapshot(Math.max(entry.sinceSnapshot(), options.every()));
        }
        return entry;
    }

    /**
     * The entry to cache: when a snapshot of it is due, it is handed to the writer (encoded and
     * stored there, on another thread) and the entry's count starts again.
     */
    Entry<E, S> consider(String subject, Entry<E, S> entry) {
        if (!options.enabled() || entry.sinceSnapshot() < options.every() || !storable(subject, entry)) {
            return entry;
        }
        take(subject, entry);
        return entry.withSinceSnapshot(0);
    }

    /**
     * An aggregate leaves the cache (evicted, or the engine shuts down): with events since its
     * last snapshot, a snapshot of it goes to the writer, so that its next cold load reads none.
     * Runs in any line leader's thread, while the aggregate's own leader may be moving it on:
     * the entry is immutable but its recent commands are not, so only those up to the entry's
     * sequence are taken, under their lock. Returns whether it took one.
     */
    boolean leaving(String subject, Entry<E, S> entry) {
        if (!options.enabled() || !options.atEviction() || entry.sinceSnapshot() == 0 || !storable(subject, entry)) {
            return false;
        }
        take(subject, entry);
        return true;
    }

    /** Whether a snapshot of the entry can be checked when read back: it covers an event whose id is known. */
    private static boolean storable(String subject, Entry<?, ?> entry) {
        return entry.sequence() > 0 && entry.lastEventId() != null && Subjects.isConcrete(subject);
    }

    private void take(String subject, Entry<E, S> entry) {
        S state = entry.state();
        long sequence = entry.sequence();
        String eventId = entry.lastEventId();
        List<Map.Entry<String, RecentCommands.Recorded<E>>> recent = entry.recent().copy(sequence);
        writer.submit(subject, sequence, () -> options.store().write(new Snapshot(subject, sequence, eventId,
                options.version(), encode(state, recent))));
    }

    private byte[] encode(S state, List<Map.Entry<String, RecentCommands.Recorded<E>>> recent) {
        TypeRegistry types = store.options().types();
        List<SnapshotFormat.Command> commands = new ArrayList<>(recent.size());
        for (Map.Entry<String, RecentCommands.Recorded<E>> command : recent) {
            List<Encoded> events = new ArrayList<>(command.getValue().events().size());
            for (E event : command.getValue().events()) {
                events.add(types.encode(null, event));
            }
            commands.add(new SnapshotFormat.Command(command.getKey(), command.getValue().sequence(), events));
        }
        return SnapshotFormat.encode(new SnapshotFormat.Parts(stateType.getName(), codec.name(), codec.encode(state),
                commands));
    }

    /** Waits until the writer can take one more snapshot without dropping it, at most until {@code deadline}. */
    boolean awaitRoom(long deadline) throws InterruptedException {
        return writer == null || writer.awaitRoom(deadline);
    }

    /** Waits until every snapshot handed to the writer is stored or failed. */
    boolean awaitWritten(java.time.Duration timeout) throws InterruptedException {
        return writer == null || writer.awaitIdle(timeout);
    }
}
