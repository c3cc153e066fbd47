/**
 * An event store in memory, {@link io.rita.test.memory.InMemoryEventStore}: the JetStream
 * store's semantics (subjects it binds, stream sequences, expectations, retries, batches,
 * wildcards) without a server, for tests that need an {@link io.rita.eventstore.EventStore}
 * but not NATS; and {@link io.rita.test.memory.InMemorySnapshotStore}, snapshots in memory.
 */
package io.rita.test.memory;
