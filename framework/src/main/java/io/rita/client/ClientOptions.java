package io.rita.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rita.internal.StreamHeartbeats;
import io.rita.types.TypeRegistry;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link ServiceClient}, with documented defaults.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.defaults()
 *         .withTimeout(Duration.ofSeconds(2))
 *         .withJson(goStyleMapper)                      // the service's names, e.g. {"Amount":"7.5"}
 *         .withTypes(TypeRegistry.scan("com.example.shows"));
 * }</pre>
 *
 * @param timeout      how long each send waits for its answer (default 5 s); a command that got
 *                     none is sent again with the same id, so it may take {@code resends + 1} times as long
 * @param resends      how often a command that got no answer in time is sent again with the same
 *                     command id before the call fails (default 1); queries are never sent twice
 * @param json         writes command and query bodies and reads replies (default: Jackson with
 *                     java.time as ISO-8601, ignoring reply fields the caller's record does not
 *                     have, so that a service may add fields without breaking its clients, and
 *                     refusing a {@code NaN} or infinite {@code double}/{@code float} before anything
 *                     is sent, since JSON has no such numbers and a service refuses them)
 * @param types        decodes the events of live streams (default {@link TypeRegistry#raw()}:
 *                     the data as {@code byte[]})
 * @param streamBuffer how many delivered messages a live stream holds before it loses events
 *                     (default 65,536); the service does not slow down for a slow reader, so a
 *                     reader that falls this far behind gets {@link ServiceCallException.Kind#GAP}
 *                     (unread heartbeats count too: a reader that stops reading for
 *                     {@code streamBuffer} heartbeats gets it even when no event came)
 * @param streamHeartbeat how often a live stream asks the service's consumer to say it is still
 *                     there while no event comes (default 5 s; {@link Duration#ZERO}: not at all).
 *                     A stream that hears nothing for three of them, not even a heartbeat, has
 *                     lost its consumer (its store deleted, say) and ends with
 *                     {@link ServiceCallException.Kind#GAP} instead of waiting forever. A
 *                     service that does not confirm heartbeats is not checked. Heartbeats that
 *                     a reader leaves unread take room in {@code streamBuffer} like events.
 */
public record ClientOptions(Duration timeout, int resends, ObjectMapper json, TypeRegistry types, int streamBuffer,
                            Duration streamHeartbeat) {

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when the timeout is not positive, resends is negative, the
     *                                  stream buffer is smaller than 1, or the heartbeat neither
     *                                  zero nor 100 ms to 60 s
     */
    public ClientOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (resends < 0) {
            throw new IllegalArgumentException("resends must be >= 0, was " + resends);
        }
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(types, "types (TypeRegistry.raw() for byte[] data)");
        if (streamBuffer < 1) {
            throw new IllegalArgumentException("streamBuffer must be >= 1 message, was " + streamBuffer);
        }
        // the bounds a stream route takes
        if (!StreamHeartbeats.allowed(streamHeartbeat)) {
            throw new IllegalArgumentException("streamHeartbeat must be zero (none) or 100 ms to 60 s, was "
                    + streamHeartbeat);
        }
    }

    /** The defaults listed above. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), 1, defaultMapper(), TypeRegistry.raw(), 65_536,
                Duration.ofSeconds(5));
    }

    /** These options with another timeout per send. */
    public ClientOptions withTimeout(Duration newTimeout) {
        return new ClientOptions(newTimeout, resends, json, types, streamBuffer, streamHeartbeat);
    }

    /** These options with another number of resends of a command that got no answer. */
    public ClientOptions withResends(int newResends) {
        return new ClientOptions(timeout, newResends, json, types, streamBuffer, streamHeartbeat);
    }

    /** These options with another JSON mapper, e.g. the service's own (same names, same decimals). */
    public ClientOptions withJson(ObjectMapper newJson) {
        return new ClientOptions(timeout, resends, newJson, types, streamBuffer, streamHeartbeat);
    }

    /** These options with the type registry that decodes live streams' events. */
    public ClientOptions withTypes(TypeRegistry newTypes) {
        return new ClientOptions(timeout, resends, json, newTypes, streamBuffer, streamHeartbeat);
    }

    /** These options with another live stream buffer, in messages. */
    public ClientOptions withStreamBuffer(int newStreamBuffer) {
        return new ClientOptions(timeout, resends, json, types, newStreamBuffer, streamHeartbeat);
    }

    /** These options with another live stream heartbeat ({@link Duration#ZERO}: none). */
    public ClientOptions withStreamHeartbeat(Duration newStreamHeartbeat) {
        return new ClientOptions(timeout, resends, json, types, streamBuffer, newStreamHeartbeat);
    }

    private static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(FiniteWrites.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
