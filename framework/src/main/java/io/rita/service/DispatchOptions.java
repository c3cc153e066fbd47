package io.rita.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.NUID;
import io.rita.service.internal.JsonBodies;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Options of a {@link Dispatcher}, with documented defaults.
 *
 * <pre>{@code
 * DispatchOptions options = DispatchOptions.defaults().withJson(kmmMapper).withMaxAttempts(20);
 * }</pre>
 *
 * @param maxAttempts    how many times a command is decided before a conflict is given up (default 10)
 * @param backoffMin     the shortest pause after a conflict (default 1 ms)
 * @param backoffMax     the longest pause after a conflict (default 50 ms); pauses grow exponentially
 *                       from {@code backoffMin} and are jittered, so racing writers spread out
 * @param cacheSize      how many aggregates the in-memory cache keeps, least recently used first out
 *                       (default 10,000; 0 turns the cache off)
 * @param recentCommands how many recent command ids are remembered per cached aggregate to recognise
 *                       a re-sent command (default 100)
 * @param maxBodyBytes   the largest request body accepted (default 64 KiB); larger ones get a 413
 * @param clock          stamps the time of the events of a command (default: the system clock)
 * @param ids            generates a command id when a request carries none (default: NUID)
 * @param json           reads command bodies and writes reply bodies (default: Jackson with java.time,
 *                       ISO-8601 dates, and refusing missing fields, nulls for primitives, unknown
 *                       properties and trailing tokens)
 */
public record DispatchOptions(int maxAttempts, Duration backoffMin, Duration backoffMax, int cacheSize,
                              int recentCommands, int maxBodyBytes, Clock clock, Supplier<String> ids,
                              ObjectMapper json) {

    public DispatchOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (backoffMin.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= min <= max, was " + backoffMin
                    + " .. " + backoffMax);
        }
        if (cacheSize < 0 || recentCommands < 0 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("cacheSize, recentCommands and maxBodyBytes must be >= 0");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(json, "json");
    }

    /** The defaults listed above. */
    public static DispatchOptions defaults() {
        return new DispatchOptions(10, Duration.ofMillis(1), Duration.ofMillis(50), 10_000, 100, 64 * 1024,
                Clock.systemDefaultZone(), NUID::nextGlobal, JsonBodies.defaultMapper());
    }

    /** These options with another number of attempts. */
    public DispatchOptions withMaxAttempts(int newMaxAttempts) {
        return new DispatchOptions(newMaxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxBodyBytes,
                clock, ids, json);
    }

    /** These options with other backoff bounds. */
    public DispatchOptions withBackoff(Duration newMin, Duration newMax) {
        return new DispatchOptions(maxAttempts, newMin, newMax, cacheSize, recentCommands, maxBodyBytes, clock, ids,
                json);
    }

    /** These options with another cache size (0: no cache). */
    public DispatchOptions withCacheSize(int newCacheSize) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, newCacheSize, recentCommands, maxBodyBytes,
                clock, ids, json);
    }

    /** These options remembering another number of recent command ids per aggregate. */
    public DispatchOptions withRecentCommands(int newRecentCommands) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, cacheSize, newRecentCommands, maxBodyBytes,
                clock, ids, json);
    }

    /** These options with another body size limit. */
    public DispatchOptions withMaxBodyBytes(int newMaxBodyBytes) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, newMaxBodyBytes,
                clock, ids, json);
    }

    /** These options with another clock. */
    public DispatchOptions withClock(Clock newClock) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxBodyBytes,
                newClock, ids, json);
    }

    /** These options with another command id generator. */
    public DispatchOptions withIds(Supplier<String> newIds) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxBodyBytes,
                clock, newIds, json);
    }

    /** These options with another JSON mapper (for example one with a naming strategy). */
    public DispatchOptions withJson(ObjectMapper newJson) {
        return new DispatchOptions(maxAttempts, backoffMin, backoffMax, cacheSize, recentCommands, maxBodyBytes,
                clock, ids, newJson);
    }
}
