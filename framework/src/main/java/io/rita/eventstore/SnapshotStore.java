package io.rita.eventstore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
     * Starts {@link #read}: the engine reads a cold aggregate's snapshot while it asks the event
     * store for the aggregate's last sequence, instead of one after the other. The default reads
     * on a virtual thread; a store with its own asynchronous reads overrides it.
     *
     * @return completes as {@code read} returns, or exceptionally with what it throws
     */
    default CompletableFuture<Optional<Snapshot>> readAsync(String subject) {
        return CompletableFuture.supplyAsync(() -> read(subject), task -> Thread.ofVirtual().start(task));
    }

    /**
     * Stores a snapshot, replacing the subject's earlier one.
     *
     * @throws EventStoreException when the store cannot be reached or refuses the snapshot (too large)
     */
    void write(Snapshot snapshot);
}
