package io.rita.eventstore;

import io.nats.client.NUID;
import io.rita.internal.Shown;
import io.rita.types.TypeRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one place for what every part of Rita shares: the type registry that encodes event data,
 * the clock that stamps event times, and the source of ids (event ids, and command ids for
 * commands sent without one).
 *
 * <pre>{@code
 * RitaOptions options = RitaOptions.defaults().withTypes(TypeRegistry.scan("com.example"));
 * }</pre>
 *
 * @param types the type registry ({@link TypeRegistry#raw()} to store {@code byte[]} data with explicit types)
 * @param clock the clock for event times (default: the system clock in the default zone)
 * @param ids   the id generator (default: NUID)
 */
public record RitaOptions(TypeRegistry types, Clock clock, Supplier<String> ids) {

    public RitaOptions {
        Objects.requireNonNull(types, "types (use TypeRegistry.raw() for byte[] data)");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
    }

    /** The raw registry, the system clock, NUID ids. */
    public static RitaOptions defaults() {
        return new RitaOptions(TypeRegistry.raw(), Clock.systemDefaultZone(), NUID::nextGlobal);
    }

    /** These options with a type registry. */
    public RitaOptions withTypes(TypeRegistry newTypes) {
        return new RitaOptions(newTypes, clock, ids);
    }

    /** These options with a clock. */
    public RitaOptions withClock(Clock newClock) {
        return new RitaOptions(types, newClock, ids);
    }

    /** These options with an id generator. */
    public RitaOptions withIds(Supplier<String> newIds) {
        return new RitaOptions(types, clock, newIds);
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
