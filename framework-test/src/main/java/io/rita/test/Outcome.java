package io.rita.test;

import java.util.List;

/**
 * What a scenario produced, returned by the fixture's {@code then} methods for further
 * assertions.
 *
 * <pre>{@code
 * Outcome<CounterEvent, Counter> outcome = fx.given(new Added(2)).when(new Add(3)).then(new Added(3));
 * assertThat(outcome.state().value()).isEqualTo(5);
 * }</pre>
 *
 * @param events the events {@code decide} returned
 * @param state  the state after evolving them
 * @param <E>    the event type
 * @param <S>    the state type
 */
public record Outcome<E, S>(List<E> events, S state) {

    public Outcome {
        events = List.copyOf(events);
    }
}
