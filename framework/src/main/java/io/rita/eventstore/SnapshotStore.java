package io.rita.eventstore;

import java.util.Optional;

/**
 * Keeps the latest {@link Snapshot} of each aggregate, next to its events. A snapshot only ever
 * makes a load faster: the aggregate engine checks what it reads against the event store and
 * folds from the events whenever a snapshot is missing or does not fit.
 *
 * <pre>{@code
 * SnapshotStore snapshots = rita.snapshotStore("kmm");       // JetStream: stream "kmm-snapshots"
 * EngineOptions options = EngineOptions.defaults().withSnapshots(Snapshots.in(snapshots));
 * }</pre>
 *
 * <p>Implementations: {@link JetStreamSnapshotStore} and, for tests, the in-memory store of
 * {@code framework-test}. Thread-safe.
 */
public interface SnapshotStore {

    /**
     * The latest snapshot of {@code subject}, or empty when there is none.
     *
     * @throws IllegalArgumentException when the subject is not concrete
     * @throws EventStoreException      when the store cannot be reached, or what it holds is not a snapshot
     */
    Optional<Snapshot> read(String subject);

    /**
     * Stores a snapshot, replacing the subject's earlier one.
     *
     * @throws EventStoreException when the store cannot be reached or refuses the snapshot (too large)
     */
    void write(Snapshot snapshot);
}
