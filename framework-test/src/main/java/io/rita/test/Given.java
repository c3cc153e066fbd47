package io.rita.test;

import io.rita.decider.Decider;

import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The first stage of a decider scenario: the past, as events or as a state.
 *
 * <pre>{@code
 * fx.given(new Added(2)).when(new Add(3)).then(new Added(3));
 * }</pre>
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class Given<C, E, S> {

    private final BiFunction<Clock, Supplier<String>, Decider<C, E, S>> factory;
    private final Clock clock;
    private final IntFunction<String> ids;
    private final List<E> events;
    private final S state;
    private final SnapshotCheck snapshots;

    Given(BiFunction<Clock, Supplier<String>, Decider<C, E, S>> factory, Clock clock, IntFunction<String> ids,
          List<E> events, S state, SnapshotCheck snapshots) {
        this.factory = factory;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
        this.state = state;
        this.snapshots = snapshots;
    }

    /**
     * The command to decide.
     *
     * @throws NullPointerException when {@code command} is {@code null}
     */
    public When<C, E, S> when(C command) {
        if (command == null) {
            throw new NullPointerException("command");
        }
        return new When<>(new Scenario<>(factory, clock, ids, events, state, command, snapshots));
    }
}
