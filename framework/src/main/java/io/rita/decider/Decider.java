package io.rita.decider;

import java.util.List;

/**
 * The pure heart of an aggregate: three functions over records, with no I/O.
 *
 * <p>{@code decide} turns a command into the events it causes, given the current state;
 * {@code evolve} applies one event to a state. The framework loads the aggregate's events,
 * folds them with {@code evolve} from {@link #initialState()}, calls {@code decide}, and
 * appends what it returns with optimistic concurrency.
 *
 * <pre>{@code
 * record Counter(int value) {}
 * record Add(int n) {}
 * record Added(int n) {}
 *
 * Decider<Add, Added, Counter> counter = Decider.of(
 *     new Counter(0),
 *     (state, cmd) -> {
 *         if (state.value() + cmd.n() > 10) throw new Rejection("counter: limit is 10");
 *         return List.of(new Added(cmd.n()));
 *     },
 *     (state, event) -> new Counter(state.value() + event.n()));
 * }</pre>
 *
 * <p>A command is refused by throwing {@link Rejection} from {@code decide}; the message goes
 * back to the caller and nothing is appended. Returning an empty list means "accepted, nothing
 * changes". Time and ids come in through the decider's constructor (a {@link java.time.Clock}),
 * never from static calls, so that deciders stay deterministic under test.
 *
 * @param <C> the command type (usually a sealed interface of records)
 * @param <E> the event type (usually a sealed interface of records)
 * @param <S> the state type (a record)
 */
public interface Decider<C, E, S> {

    /** The state of an aggregate that has no events yet. */
    S initialState();

    /**
     * Decides which events a command causes in the given state.
     *
     * @throws Rejection when the command is not allowed; its message is meant for the caller
     */
    List<E> decide(S state, C command);

    /** Applies one event to a state and returns the new state. Must not fail for stored events. */
    S evolve(S state, E event);

    /** Whether the aggregate has reached an end state that accepts no more commands. */
    default boolean isTerminal(S state) {
        return false;
    }

    /**
     * Whether the aggregate is folded without the events whose type the registry does not know
     * (for example, a type a newer program added), instead of refusing to load. Default
     * {@code false}: an unknown event fails every command and query on the aggregate with an error
     * that names it, because a state folded without it may be wrong (a balance without a
     * withdrawal). Return {@code true} only where the events a decider does not know cannot change
     * what it decides. Skipped events still count for the aggregate's sequence, so appends expect
     * exactly what is stored; the engine logs the first one of each aggregate.
     *
     * <pre>{@code
     * @Override
     * public boolean skipsUnknownEventTypes() {
     *     return true; // notes written by newer clients carry nothing this decider rules on
     * }
     * }</pre>
     */
    default boolean skipsUnknownEventTypes() {
        return false;
    }

    /** Folds events into a state, starting from {@code state}. */
    default S fold(S state, Iterable<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }

    /** Builds a decider from three functions, for small aggregates and tests. */
    static <C, E, S> Decider<C, E, S> of(S initialState,
                                         java.util.function.BiFunction<S, C, List<E>> decide,
                                         java.util.function.BiFunction<S, E, S> evolve) {
        // here, not at the first command, where a missing function would be a service's 500
        java.util.Objects.requireNonNull(decide, "decide");
        java.util.Objects.requireNonNull(evolve, "evolve");
        return new Decider<>() {
            @Override public S initialState() { return initialState; }
            @Override public List<E> decide(S state, C command) { return decide.apply(state, command); }
            @Override public S evolve(S state, E event) { return evolve.apply(state, event); }
        };
    }
}
