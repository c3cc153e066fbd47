package io.rita.eventstore;

import io.nats.client.NUID;
import io.rita.types.TypeRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Options of a {@link Rita} instance: the type registry, the clock that stamps events, the
 * generator of event ids, and how JetStream stores make expectations exact.
 *
 * <pre>{@code
 * RitaOptions options = RitaOptions.defaults().withTypes(TypeRegistry.scan("com.example"));
 * }</pre>
 *
 * @param types the type registry, or {@code null} to store raw {@code byte[]} data with explicit types
 * @param clock the clock for event times (default: the system clock in the default zone)
 * @param ids   the event id generator (default: NUID)
 * @param appendMode how a {@link JetStreamEventStore} checks expectations (default: {@link AppendMode#AUTO})
 */
public record RitaOptions(TypeRegistry types, Clock clock, Supplier<String> ids, AppendMode appendMode) {

    public RitaOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(appendMode, "appendMode");
    }

    /** No registry, the system clock, NUID ids, {@link AppendMode#AUTO}. */
    public static RitaOptions defaults() {
        return new RitaOptions(null, Clock.systemDefaultZone(), NUID::nextGlobal, AppendMode.AUTO);
    }

    /** These options with a type registry. */
    public RitaOptions withTypes(TypeRegistry newTypes) {
        return new RitaOptions(newTypes, clock, ids, appendMode);
    }

    /** These options with a clock. */
    public RitaOptions withClock(Clock newClock) {
        return new RitaOptions(types, newClock, ids, appendMode);
    }

    /** These options with an id generator. */
    public RitaOptions withIds(Supplier<String> newIds) {
        return new RitaOptions(types, clock, newIds, appendMode);
    }

    /** These options with an append mode for JetStream stores. */
    public RitaOptions withAppendMode(AppendMode newAppendMode) {
        return new RitaOptions(types, clock, ids, newAppendMode);
    }
}
