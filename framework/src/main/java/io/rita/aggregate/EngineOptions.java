package io.rita.aggregate;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options of an {@link AggregateEngine}, with documented defaults.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.defaults().withCacheSize(50_000).withMaxAttempts(20);
 * }</pre>
 *
 * @param maxAttempts    how many times a command is decided before conflicts are given up (default 10)
 * @param backoffMin     the shortest pause after a conflict (default 1 ms)
 * @param backoffMax     the longest pause after a conflict (default 50 ms); pauses grow exponentially
 *                       from {@code backoffMin} and are jittered, so that racing writers spread out
 * @param cacheSize      how many aggregates the engine keeps in memory, least recently used out first
 *                       (default 10,000; 0 turns the cache off)
 * @param recentCommands how many command ids are remembered per cached aggregate to recognise a resent
 *                       command after JetStream's duplicate window (default 100)
 * @param maxGroupSize   how many waiting commands of one aggregate are decided together and stored in
 *                       one append (group commit; default 64; 1 turns it off)
 * @param observer       gets a {@link CommandReport} for every command answered, on the caller's thread
 *                       (default: nobody); keep it quick, and it must not throw
 * @param snapshots      whether and how snapshots of the aggregates' state are kept (default
 *                       {@link Snapshots#none()})
 * @param catchUpTimeout how long the engine waits for a store that answers from behind what it has seen
 *                       (default 2 s): a read with a minimum sequence
 *                       ({@link AggregateEngine#read(String, long)}) for the store to reach it, and a
 *                       cached aggregate whose subject seems to have gone back, before the engine
 *                       believes that it did (a replica or a new stream leader catches up within
 *                       milliseconds; a recreated stream stays behind)
 */
public record EngineOptions(int maxAttempts, Duration backoffMin, Duration backoffMax, int cacheSize,
                            int recentCommands, int maxGroupSize, Consumer<CommandReport> observer,
                            Snapshots snapshots, Duration catchUpTimeout) {

    private static final Consumer<CommandReport> NOBODY = report -> { };

    public EngineOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (backoffMin.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= min <= max, was " + backoffMin
                    + " .. " + backoffMax);
        }
        if (cacheSize < 0 || recentCommands < 0) {
            throw new IllegalArgumentException("cacheSize and recentCommands must be >= 0, were " + cacheSize
                    + " and " + recentCommands);
        }
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be >= 1, was " + maxGroupSize);
        }
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(snapshots, "snapshots (Snapshots.none() for none)");
        Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        if (catchUpTimeout.isNegative()) {
            throw new IllegalArgumentException("catchUpTimeout must be >= 0, was " + catchUpTimeout);
        }
    }

    /** The defaults listed above. */
    public static EngineOptions defaults() {
        return new EngineOptions(10, Duration.ofMillis(1), Duration.ofMillis(50), 10_000, 100, 64, NOBODY,
                Snapshots.none(), Duration.ofSeconds(2));
    }

    /** These options with another number of attempts. */
    public EngineOptions withMaxAttempts(int newMaxAttempts) {
        return new EngineOptions(newMaxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxGroupSize,
                observer, snapshots, catchUpTimeout);
    }

    /** These options with other backoff bounds ({@code Duration.ZERO} twice: no pause). */
    public EngineOptions withBackoff(Duration newMin, Duration newMax) {
        return new EngineOptions(maxAttempts, newMin, newMax, cacheSize, recentCommands, maxGroupSize, observer,
                snapshots, catchUpTimeout);
    }

    /** These options with another cache size (0: no cache). */
    public EngineOptions withCacheSize(int newCacheSize) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, newCacheSize, recentCommands, maxGroupSize,
                observer, snapshots, catchUpTimeout);
    }

    /** These options remembering another number of recent command ids per aggregate. */
    public EngineOptions withRecentCommands(int newRecentCommands) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, cacheSize, newRecentCommands, maxGroupSize,
                observer, snapshots, catchUpTimeout);
    }

    /** These options reporting every command to {@code newObserver} (replacing an earlier observer). */
    public EngineOptions withObserver(Consumer<CommandReport> newObserver) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxGroupSize,
                newObserver, snapshots, catchUpTimeout);
    }

    /** These options with another group size limit (1: every command in an append of its own). */
    public EngineOptions withMaxGroupSize(int newMaxGroupSize) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, newMaxGroupSize,
                observer, snapshots, catchUpTimeout);
    }

    /** These options keeping snapshots as {@code newSnapshots} says ({@link Snapshots#none()}: none). */
    public EngineOptions withSnapshots(Snapshots newSnapshots) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxGroupSize, observer,
                newSnapshots, catchUpTimeout);
    }

    /** These options waiting another time for a store that answers from behind ({@code Duration.ZERO}: not at all). */
    public EngineOptions withCatchUpTimeout(Duration newCatchUpTimeout) {
        return new EngineOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxGroupSize, observer,
                snapshots, newCatchUpTimeout);
    }
}
