package io.rita.test.example;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.test.example.CounterCommand.Add;
import io.rita.test.example.CounterCommand.Reset;
import io.rita.test.example.CounterEvent.Added;
import io.rita.test.example.CounterEvent.WasReset;

import java.time.Clock;
import java.util.List;

/** A counter that never goes above 10 (a small domain that exercises the test kit). */
final class CounterDecider implements Decider<CounterCommand, CounterEvent, Counter> {

    static final int LIMIT = 10;

    private final Clock clock;

    CounterDecider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Counter initialState() {
        return new Counter(0);
    }

    @Override
    public List<CounterEvent> decide(Counter state, CounterCommand command) {
        return switch (command) {
            case Add add when add.amount() <= 0 -> throw new Rejection("counter: amount must be positive");
            case Add add when state.value() + add.amount() > LIMIT -> throw new Rejection("counter: limit is 10");
            case Add add -> List.of(new Added(add.amount(), clock.instant()));
            case Reset reset when state.value() == 0 -> List.of();
            case Reset reset -> List.of(new WasReset(clock.instant()));
        };
    }

    @Override
    public Counter evolve(Counter state, CounterEvent event) {
        return switch (event) {
            case Added added -> new Counter(state.value() + added.amount());
            case WasReset reset -> new Counter(0);
        };
    }
}
