package io.rita.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Projector} runs: how long its lease lasts, how often a failing event is tried,
 * how many events it applies per round, how many views it keeps in memory.
 *
 * <pre>{@code
 * ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param leaseTime   how long a process that stopped renewing (killed, cut off) keeps the projection
 *                    before another takes over (default 10 s); renewed every third of it
 * @param maxAttempts how many times an event on which the projection's function throws is tried
 *                    before the projector stops on it (default 3)
 * @param backoff     the pause before the second attempt, doubled before each further one; also the
 *                    first pause after the store could not be reached (default 100 ms)
 * @param batchSize   the most events applied per round: all views a round changes are written
 *                    together, then its events are acknowledged with one acknowledgement (default 500)
 * @param cacheSize   the most views kept in memory between rounds, least recently used out first
 *                    (default 10,000); 0 reads every view from the bucket each round
 * @param ackWait     how long JetStream waits for an acknowledgement before it delivers again (default 30 s)
 * @param replicas    the replicas of the view bucket when the projector creates it (default 1)
 * @param clock       stamps "last applied" (default the system clock)
 */
public record ProjectorOptions(Duration leaseTime, int maxAttempts, Duration backoff, int batchSize, int cacheSize,
                               Duration ackWait, int replicas, Clock clock) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public ProjectorOptions {
        if (leaseTime == null || leaseTime.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("leaseTime must be at least 300 ms, was " + leaseTime);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be >= 0, was " + backoff);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10,000, was " + batchSize);
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must be >= 0, was " + cacheSize);
        }
        if (ackWait == null || ackWait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ackWait must be at least 1 s, was " + ackWait);
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be between 1 and 5, was " + replicas);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults above. */
    public static ProjectorOptions defaults() {
        return new ProjectorOptions(Duration.ofSeconds(10), 3, Duration.ofMillis(100), 500, 10_000,
                Duration.ofSeconds(30), 1, Clock.systemUTC());
    }

    /** These options with another lease time. */
    public ProjectorOptions withLeaseTime(Duration newLeaseTime) {
        return new ProjectorOptions(newLeaseTime, maxAttempts, backoff, batchSize, cacheSize, ackWait, replicas, clock);
    }

    /** These options with another number of attempts per failing event. */
    public ProjectorOptions withMaxAttempts(int newMaxAttempts) {
        return new ProjectorOptions(leaseTime, newMaxAttempts, backoff, batchSize, cacheSize, ackWait, replicas, clock);
    }

    /** These options with another first pause between attempts. */
    public ProjectorOptions withBackoff(Duration newBackoff) {
        return new ProjectorOptions(leaseTime, maxAttempts, newBackoff, batchSize, cacheSize, ackWait, replicas, clock);
    }

    /** These options with another round size. */
    public ProjectorOptions withBatchSize(int newBatchSize) {
        return new ProjectorOptions(leaseTime, maxAttempts, backoff, newBatchSize, cacheSize, ackWait, replicas, clock);
    }

    /** These options with another number of views kept in memory. */
    public ProjectorOptions withCacheSize(int newCacheSize) {
        return new ProjectorOptions(leaseTime, maxAttempts, backoff, batchSize, newCacheSize, ackWait, replicas, clock);
    }

    /** These options with another acknowledgement wait. */
    public ProjectorOptions withAckWait(Duration newAckWait) {
        return new ProjectorOptions(leaseTime, maxAttempts, backoff, batchSize, cacheSize, newAckWait, replicas, clock);
    }

    /** These options with another number of bucket replicas. */
    public ProjectorOptions withReplicas(int newReplicas) {
        return new ProjectorOptions(leaseTime, maxAttempts, backoff, batchSize, cacheSize, ackWait, newReplicas, clock);
    }

    /** These options with another clock. */
    public ProjectorOptions withClock(Clock newClock) {
        return new ProjectorOptions(leaseTime, maxAttempts, backoff, batchSize, cacheSize, ackWait, replicas, newClock);
    }
}
