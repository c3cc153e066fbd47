package io.rita.aggregate;

import io.rita.eventstore.SnapshotStore;
import io.rita.types.Codec;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how an {@link AggregateEngine} keeps snapshots of its aggregates' state, so that a
 * cold aggregate with a long history is loaded from its latest snapshot plus the events after it.
 * Off unless given to {@link EngineOptions#withSnapshots}; one engine serves one decider, so this
 * is the decider's opt-in.
 *
 * <pre>{@code
 * JetStreamSnapshotStore store = rita.snapshotStore("kmm");
 * store.ensure();
 * EngineOptions options = EngineOptions.defaults().withSnapshots(Snapshots.in(store)
 *         .withVersion(AccountState.VERSION)      // bump it when the state record changes shape
 *         .withCodec(accountStateCodec));         // default: the registry's JSON codec
 * }</pre>
 *
 * <p>A snapshot is taken after an aggregate has gained {@code every} events since its last one,
 * right after a cold load that took longer than {@code slowLoad}, and (unless
 * {@link #withoutEvictionSnapshots()}) when an aggregate with events since its last snapshot
 * leaves the engine's cache or the engine is shut down ({@link AggregateEngine#snapshotCached}):
 * then its next cold load, in this process or the next one, reads the snapshot and no event
 * after it. It is encoded and stored by
 * background threads, never on a command's way: taking or storing it cannot delay or fail a
 * command. A snapshot that is missing, of another {@code version}, of another state type,
 * unreadable, or of events that are no longer in the store is ignored with one log line (logger
 * {@code io.rita.aggregate.Snapshots}) and the aggregate is folded from its events. A snapshot
 * also holds the aggregate's recent command ids, so that a command resent after a restart still
 * counts once.
 *
 * @param store     where snapshots are kept, or {@code null}: no snapshots ({@link #none()})
 * @param version   the version of the state's shape (default 1): a snapshot of another version is ignored
 * @param every     take a snapshot after this many new events (default 100)
 * @param slowLoad  take one right after a cold load that took longer than this (default 20 ms), however
 *                  few events it read
 * @param codec     encodes the state, or {@code null} for the store's registry's JSON codec (default)
 * @param stateType the class the codec decodes into, or {@code null} for the state type the decider
 *                  declares ({@code implements Decider<C, E, AccountState>}; default)
 * @param atEviction also take one of an aggregate with events since its last snapshot when it leaves the
 *                  engine's cache, least recently used, or at {@link AggregateEngine#snapshotCached}
 *                  (default {@code true}): one snapshot write per such aggregate, so that its next cold
 *                  load reads no events
 */
public record Snapshots(SnapshotStore store, int version, int every, Duration slowLoad, Codec codec,
                        Class<?> stateType, boolean atEviction) {

    private static final Snapshots NONE = new Snapshots(null, 1, 100, Duration.ofMillis(20), null, null, true);

    public Snapshots {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 event, was " + every);
        }
        Objects.requireNonNull(slowLoad, "slowLoad");
        if (slowLoad.isNegative()) {
            throw new IllegalArgumentException("slowLoad must not be negative, was " + slowLoad);
        }
    }

    /** No snapshots: every cold aggregate is folded from all its events (the default of {@link EngineOptions}). */
    public static Snapshots none() {
        return NONE;
    }

    /** Snapshots in {@code store}, with the defaults listed above. */
    public static Snapshots in(SnapshotStore store) {
        return new Snapshots(Objects.requireNonNull(store, "store"), 1, 100, Duration.ofMillis(20), null, null, true);
    }

    /** Whether snapshots are kept at all. */
    public boolean enabled() {
        return store != null;
    }

    /** These options for another version of the state's shape; snapshots of other versions are ignored. */
    public Snapshots withVersion(int newVersion) {
        return new Snapshots(store, newVersion, every, slowLoad, codec, stateType, atEviction);
    }

    /** These options taking a snapshot after {@code events} new events. */
    public Snapshots withEvery(int events) {
        return new Snapshots(store, version, events, slowLoad, codec, stateType, atEviction);
    }

    /** These options taking a snapshot after a cold load slower than {@code newSlowLoad}. */
    public Snapshots withSlowLoad(Duration newSlowLoad) {
        return new Snapshots(store, version, every, newSlowLoad, codec, stateType, atEviction);
    }

    /** These options encoding the state with {@code newCodec}. */
    public Snapshots withCodec(Codec newCodec) {
        return new Snapshots(store, version, every, slowLoad, Objects.requireNonNull(newCodec, "codec"), stateType,
                atEviction);
    }

    /** These options decoding the state into {@code newStateType} (when the decider does not declare it). */
    public Snapshots withStateType(Class<?> newStateType) {
        return new Snapshots(store, version, every, slowLoad, codec, Objects.requireNonNull(newStateType, "stateType"),
                atEviction);
    }

    /**
     * These options without snapshots at eviction: an aggregate that leaves the cache, or is
     * cached when the engine shuts down, keeps only its last periodic snapshot (its next cold
     * load reads up to {@code every - 1} events after it).
     */
    public Snapshots withoutEvictionSnapshots() {
        return new Snapshots(store, version, every, slowLoad, codec, stateType, false);
    }
}
