package io.rita.eventstore;

import io.nats.client.NUID;
import io.rita.internal.Shown;
import io.rita.types.TypeRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one place for what every part of Rita shares: the type registry that encodes event data,
 * the clock that stamps event times, the source of ids (event ids, and command ids for commands
 * sent without one), and how long a request to nats-server may take.
 *
 * <pre>{@code
 * RitaOptions options = RitaOptions.defaults()
 *         .withTypes(TypeRegistry.scan("com.example"))
 *         .withTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * @param types   the type registry ({@link TypeRegistry#raw()} to store {@code byte[]} data with explicit types)
 * @param clock   the clock for event times (default: the system clock in the default zone)
 * @param ids     the id generator (default: NUID)
 * @param timeout how long the stores wait for nats-server's answer to one request: a read, an append,
 *                a snapshot's read or write, a projection's read or write of a view (default 5 s). An
 *                append that waits for its turn behind others of its store gives up after twice
 *                this. Shorter fails sooner when a server is gone, but also fails requests that a
 *                cluster electing a new leader (a few seconds) would have answered. In the event
 *                store and the snapshot store a request that times out is a
 *                {@link StoreUnavailableException}; an append's outcome is then unknown, and
 *                sending it again with the same event ids is safe. A view's read says
 *                {@code ProjectionUnavailableException}, and a projector does its round again.
 *                The event store's stream administration ({@code create}, {@code info}, ...)
 *                keeps the connection's own request timeout.
 */
public record RitaOptions(TypeRegistry types, Clock clock, Supplier<String> ids, Duration timeout) {

    /** The default {@link #timeout()}. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public RitaOptions {
        Objects.requireNonNull(types, "types (use TypeRegistry.raw() for byte[] data)");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** The raw registry, the system clock, NUID ids, a 5 s timeout. */
    public static RitaOptions defaults() {
        return new RitaOptions(TypeRegistry.raw(), Clock.systemDefaultZone(), NUID::nextGlobal, DEFAULT_TIMEOUT);
    }

    /** These options with a type registry. */
    public RitaOptions withTypes(TypeRegistry newTypes) {
        return new RitaOptions(newTypes, clock, ids, timeout);
    }

    /** These options with a clock. */
    public RitaOptions withClock(Clock newClock) {
        return new RitaOptions(types, newClock, ids, timeout);
    }

    /** These options with an id generator. */
    public RitaOptions withIds(Supplier<String> newIds) {
        return new RitaOptions(types, clock, newIds, timeout);
    }

    /** These options with another timeout for one request to nats-server. */
    public RitaOptions withTimeout(Duration newTimeout) {
        return new RitaOptions(types, clock, ids, newTimeout);
    }

    /**
     * A new id from {@link #ids()}, checked: what an event or a command gets when the caller gave
     * it none. Checked here rather than at the append, where a bad id would fail every command of
     * its group with a message about an id nobody wrote.
     *
     * @throws IllegalStateException when the generator gave {@code null}, an empty id or one with
     *                               other than visible ASCII characters
     */
    public String newId() {
        String id = ids.get();
        if (!EventEncoding.isId(id)) {
            String shown = id == null ? "null" : "'" + Shown.shortened(id) + "'";
            throw new IllegalStateException("the id generator of RitaOptions (withIds) gave " + shown + ": an id must be"
                    + " visible ASCII characters (no spaces); fix the generator");
        }
        return id;
    }
}
