package io.rita.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link JetStreamEventStore}'s stream is set up: the settings an event store needs, with
 * the defaults it should have, and nothing that could delete events (no limits on age or count).
 *
 * <pre>{@code
 * JetStreamEventStore kmm = rita.eventStore(StoreConfig.of("kmm").withSubjects("kmm.events.>").withReplicas(3));
 * kmm.ensure();
 * }</pre>
 *
 * @param name            the stream's name: one token, no {@code .}, {@code *}, {@code >}, {@code /}, {@code \} or whitespace
 * @param subjects        the subjects the stream binds (default {@code <name>.>}); appends go to subjects inside them
 * @param storage         where the server keeps the events (default {@link Storage#FILE})
 * @param replicas        how many servers of a cluster keep a copy (default 1; 3 or 5 in a cluster)
 * @param duplicateWindow how long the server remembers event ids to recognise a retried append
 *                        (default 2 minutes, the server's own default)
 * @param maxMessageSize  the largest append the stream takes, in bytes, or {@code -1} for the server's
 *                        max payload (the default)
 * @param appendMode      how appends make their expectations exact where the store runs (default
 *                        {@link AppendMode#AUTO}: per subject, or per stream on a replicated stream of a
 *                        server that does not serialise per-subject expectations)
 */
public record StoreConfig(String name, List<String> subjects, Storage storage, int replicas,
                          Duration duplicateWindow, int maxMessageSize, AppendMode appendMode) {

    /** Where the server keeps a stream's messages. */
    public enum Storage {
        /** On disk: survives a server restart. The default, and what an event store wants. */
        FILE,
        /**
         * In memory: lost on a restart; for tests and caches. Note: nats-server 2.9 memory streams
         * slow down on expected-sequence appends as they grow.
         */
        MEMORY
    }

    public StoreConfig {
        if (!Subjects.isToken(name) || name.contains("/") || name.contains("\\")
                || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("store name must be a valid stream name (one token of printable ASCII,"
                    + " no '.', '*', '>', '/', '\\' or whitespace), was '" + name + "'");
        }
        Objects.requireNonNull(subjects, "subjects");
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a store must bind at least one subject, e.g. \"" + name + ".>\"");
        }
        subjects.forEach(subject -> Subjects.requireFilter("a store's subjects", subject));
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(storage, "storage");
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5 (JetStream's limit), was " + replicas);
        }
        if (duplicateWindow == null || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
            throw new IllegalArgumentException("duplicateWindow must be positive, was " + duplicateWindow);
        }
        if (maxMessageSize < -1 || maxMessageSize == 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive, or -1 for the server's max payload, was "
                    + maxMessageSize);
        }
        Objects.requireNonNull(appendMode, "appendMode");
    }

    /**
     * The defaults for a store named {@code name}: subjects {@code <name>.>}, file storage, one
     * replica, a 2 minute duplicate window, the server's max payload.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid stream name
     */
    public static StoreConfig of(String name) {
        return new StoreConfig(name, List.of((name == null ? "" : name) + ".>"), Storage.FILE, 1,
                Duration.ofMinutes(2), -1, AppendMode.AUTO);
    }

    /** This configuration binding other subjects. */
    public StoreConfig withSubjects(String... newSubjects) {
        return new StoreConfig(name, List.of(newSubjects), storage, replicas, duplicateWindow, maxMessageSize, appendMode);
    }

    /** This configuration with another storage. */
    public StoreConfig withStorage(Storage newStorage) {
        return new StoreConfig(name, subjects, newStorage, replicas, duplicateWindow, maxMessageSize, appendMode);
    }

    /** This configuration with another number of replicas. */
    public StoreConfig withReplicas(int newReplicas) {
        return new StoreConfig(name, subjects, storage, newReplicas, duplicateWindow, maxMessageSize, appendMode);
    }

    /** This configuration with another duplicate window. */
    public StoreConfig withDuplicateWindow(Duration newDuplicateWindow) {
        return new StoreConfig(name, subjects, storage, replicas, newDuplicateWindow, maxMessageSize, appendMode);
    }

    /** This configuration appending in another {@link AppendMode}. */
    public StoreConfig withAppendMode(AppendMode newAppendMode) {
        return new StoreConfig(name, subjects, storage, replicas, duplicateWindow, maxMessageSize, newAppendMode);
    }

    /** This configuration with a limit on the size of one append, in bytes. */
    public StoreConfig withMaxMessageSize(int newMaxMessageSize) {
        return new StoreConfig(name, subjects, storage, replicas, duplicateWindow, newMaxMessageSize, appendMode);
    }
}
