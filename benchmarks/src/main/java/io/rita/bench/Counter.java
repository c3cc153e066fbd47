package io.rita.bench;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.types.TypeRegistry;

import java.util.List;
import java.util.Map;

/**
 * The decider of the command and fixture benchmarks: a counter that adds positive amounts. As
 * small as a real aggregate gets, so that the benchmarks measure the framework, not the domain.
 *
 * <pre>{@code
 * Counter counter = new Counter();
 * List<Counter.Added> events = counter.decide(new Counter.Total(2), new Counter.Add(3));  // [Added(3)]
 * }</pre>
 *
 * <p>{@code decide} throws {@link Rejection} for an amount that is not positive.
 */
public final class Counter implements Decider<Counter.Add, Counter.Added, Counter.Total> {

    /** The event type name of {@link Added}. */
    public static final String ADDED = "added";

    /**
     * The command: add {@code amount}.
     *
     * @param amount the amount, positive
     */
    public record Add(long amount) {
    }

    /**
     * The event: {@code amount} was added.
     *
     * @param amount the amount added
     */
    public record Added(long amount) {
    }

    /**
     * The state: the running total.
     *
     * @param value the total
     */
    public record Total(long value) {
    }

    /** The registry that stores {@link Added} as JSON. */
    public static TypeRegistry types() {
        return TypeRegistry.of(Map.of(ADDED, Added.class));
    }

    @Override
    public Total initialState() {
        return new Total(0);
    }

    @Override
    public List<Added> decide(Total state, Add command) {
        if (command.amount() <= 0) {
            throw new Rejection("counter: amount must be positive, was " + command.amount());
        }
        return List.of(new Added(command.amount()));
    }

    @Override
    public Total evolve(Total state, Added event) {
        return new Total(state.value() + event.amount());
    }
}
