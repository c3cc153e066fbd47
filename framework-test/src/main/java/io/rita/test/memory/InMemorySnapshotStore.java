package io.rita.test.memory;

import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;
import io.rita.eventstore.Subjects;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SnapshotStore} in memory, for tests of engines and handlers that keep snapshots:
 * the latest snapshot per subject, as the JetStream snapshot store keeps it.
 *
 * <pre>{@code
 * InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
 * AggregateEngine<C, E, S> engine = AggregateEngine.of(store, decider,
 *         EngineOptions.defaults().withSnapshots(Snapshots.in(snapshots).withEvery(10)));
 * ...
 * assertThat(snapshots.read("orders.1")).isPresent();
 * }</pre>
 *
 * <p>Thread-safe; {@link #writes()} counts every snapshot written, {@link #clear()} forgets them all.
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final ConcurrentHashMap<String, Snapshot> bySubject = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public Optional<Snapshot> read(String subject) {
        Subjects.requireConcrete("a snapshot read", subject);
        return Optional.ofNullable(bySubject.get(subject));
    }

    @Override
    public void write(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        bySubject.put(snapshot.subject(), snapshot);
        writes.incrementAndGet();
    }

    /** How many snapshots were written so far. */
    public long writes() {
        return writes.get();
    }

    /** Forgets every snapshot. */
    public void clear() {
        bySubject.clear();
    }
}
