package io.rita.test;

import io.rita.decider.Decider;
import io.rita.types.Codec;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Given/when/then scenarios for a {@link Decider}, in memory, with a fixed clock.
 *
 * <pre>{@code
 * DeciderFixture<CounterCommand, CounterEvent, Counter> fx = DeciderFixture.of(new CounterDecider());
 *
 * fx.given(new Added(2)).when(new Add(3)).then(new Added(3));
 * fx.given(new Added(9)).when(new Add(3)).thenRejected("counter: limit is 10");
 * fx.givenState(new Counter(4)).when(new Add(0)).thenNothing();
 *
 * // a decider that reads the time gets the fixture's clock
 * var timed = DeciderFixture.of(clock -> new AccountDecider(clock, zone));
 * timed.at(Instant.parse("2022-05-30T13:45:10Z")).given(...).when(...).then(...);
 *
 * // a decider that mints ids gets the scenario's
 * var minting = DeciderFixture.of((clock, ids) -> new OrderDecider(clock, ids));
 * minting.withIds(n -> "order-" + n).when(new PlaceOrder("book")).then(new OrderPlaced("order-1", "book"));
 * }</pre>
 *
 * <p>The clock is fixed at {@link #DEFAULT_TIME} in UTC unless {@link #at} says otherwise. A
 * decider built by a factory gets a new instance per scenario, with the scenario's clock and,
 * for {@link #of(BiFunction)}, an id supplier that hands out {@code id-1}, {@code id-2}, ...
 * (or what {@link #withIds} sets) afresh in every scenario. No NATS, no threads, no files: a
 * scenario runs in microseconds. A fixture is immutable; share it between tests.
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class DeciderFixture<C, E, S> {

    /** The time of every scenario unless set with {@link #at}: the seed article's first deposit. */
    public static final Instant DEFAULT_TIME = Instant.parse("2022-05-30T13:41:53Z");

    /** The ids of every scenario unless set with {@link #withIds}: {@code id-1}, {@code id-2}, ... */
    private static final IntFunction<String> DEFAULT_IDS = n -> "id-" + n;

    private final BiFunction<Clock, Supplier<String>, Decider<C, E, S>> factory;
    private final Clock clock;
    private final IntFunction<String> ids;
    private final SnapshotCheck snapshots;

    private DeciderFixture(BiFunction<Clock, Supplier<String>, Decider<C, E, S>> factory, Clock clock,
                           IntFunction<String> ids, SnapshotCheck snapshots) {
        this.factory = factory;
        this.clock = clock;
        this.ids = ids;
        this.snapshots = snapshots;
    }

    /** A fixture for a decider that needs no clock. */
    public static <C, E, S> DeciderFixture<C, E, S> of(Decider<C, E, S> decider) {
        Objects.requireNonNull(decider, "decider");
        return of((clock, ids) -> decider);
    }

    /** A fixture that builds the decider from the scenario's clock, e.g. {@code clock -> new AccountDecider(clock, zone)}. */
    public static <C, E, S> DeciderFixture<C, E, S> of(Function<Clock, ? extends Decider<C, E, S>> factory) {
        Objects.requireNonNull(factory, "factory");
        return of((clock, ids) -> factory.apply(clock));
    }

    /** A fixture that builds the decider from the scenario's clock and id supplier ({@code id-1}, {@code id-2}, ...). */
    public static <C, E, S> DeciderFixture<C, E, S> of(
            BiFunction<Clock, Supplier<String>, ? extends Decider<C, E, S>> factory) {
        Objects.requireNonNull(factory, "factory");
        return new DeciderFixture<>(factory::apply, Clock.fixed(DEFAULT_TIME, ZoneOffset.UTC), DEFAULT_IDS, null);
    }

    /** This fixture with the clock fixed at {@code now}, in the fixture's current zone. */
    public DeciderFixture<C, E, S> at(Instant now) {
        return new DeciderFixture<>(factory, Clock.fixed(now, clock.getZone()), ids, snapshots);
    }

    /** This fixture with the clock fixed at {@code now}, in {@code now}'s zone. */
    public DeciderFixture<C, E, S> at(ZonedDateTime now) {
        return new DeciderFixture<>(factory, Clock.fixed(now.toInstant(), now.getZone()), ids, snapshots);
    }

    /**
     * This fixture with the ids its scenarios hand the decider (through {@link #of(BiFunction)}'s
     * supplier): {@code idOf.apply(1)}, {@code idOf.apply(2)}, ... afresh in every scenario,
     * e.g. {@code n -> "order-" + n}.
     */
    public DeciderFixture<C, E, S> withIds(IntFunction<String> idOf) {
        Objects.requireNonNull(idOf, "idOf");
        return new DeciderFixture<>(factory, clock, idOf, snapshots);
    }

    /**
     * This fixture with exactly these ids, handed out in order in every scenario, e.g. ids in the
     * format the production supplier makes; a decider that asks for more fails the scenario.
     */
    public DeciderFixture<C, E, S> withIds(List<String> ids) {
        List<String> copy = List.copyOf(ids);
        return new DeciderFixture<>(factory, clock, n -> {
            if (n > copy.size()) {
                throw new Scenario.IdsRanOut(n, copy);
            }
            return copy.get(n - 1);
        }, snapshots);
    }

    /**
     * This fixture for a decider that keeps snapshots ({@code io.rita.aggregate.Snapshots}): every
     * scenario also checks that its given state and its new state, encoded with {@code codec} and
     * decoded into {@code stateType}, equal themselves, so that an aggregate restored from a
     * snapshot decides as one folded from its events. Pass the codec the engine uses: its
     * {@code Snapshots.codec()}, or {@code types.json()} of the store's registry for the default.
     *
     * <pre>{@code
     * var fx = DeciderFixture.of(clock -> new AccountDecider(clock, zone))
     *         .withSnapshotCodec(AccountStateCodec.INSTANCE, AccountState.class);
     * }</pre>
     */
    public DeciderFixture<C, E, S> withSnapshotCodec(Codec codec, Class<?> stateType) {
        return new DeciderFixture<>(factory, clock, ids, new SnapshotCheck(codec, stateType));
    }

    /** The fixed clock that scenarios of this fixture run with. */
    public Clock clock() {
        return clock;
    }

    /** Starts a scenario from these past events, folded with {@code evolve} from the initial state. */
    @SafeVarargs
    public final Given<C, E, S> given(E... events) {
        return given(List.of(events));
    }

    /** Starts a scenario from these past events, folded with {@code evolve} from the initial state. */
    public Given<C, E, S> given(List<? extends E> events) {
        return new Given<>(factory, clock, ids, List.copyOf(events), null, snapshots);
    }

    /** Starts a scenario from a state, as if the past had led there. */
    public Given<C, E, S> givenState(S state) {
        Objects.requireNonNull(state, "state");
        return new Given<>(factory, clock, ids, null, state, snapshots);
    }

    /** Starts a scenario with no past: the command meets the initial state. */
    public When<C, E, S> when(C command) {
        return given(List.of()).when(command);
    }
}
