package io.rita.test;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** A small counter domain for the test kit's own tests: a limit, a clock and ids. */
record Counter(int value) {

    sealed interface Command {
    }

    record Add(int n) implements Command {
    }

    record SetTo(int value) implements Command {
    }

    record Stamp() implements Command {
    }

    sealed interface Event {
    }

    record Added(int n) implements Event {
    }

    record WasSet(int value) implements Event {
    }

    record Stamped(String id, Instant at) implements Event {
    }

    /** Adds up to a limit of 10; {@code SetTo} the current value is a no-op; {@code Stamp} records id and time. */
    record Rules(Clock clock, Supplier<String> ids) implements Decider<Command, Event, Counter> {

        Rules() {
            this(Clock.systemUTC(), () -> "unused");
        }

        @Override
        public Counter initialState() {
            return new Counter(0);
        }

        @Override
        public List<Event> decide(Counter state, Command command) {
            return switch (command) {
                case Add add when add.n() <= 0 -> throw new Rejection("counter: n must be positive");
                case Add add when state.value() + add.n() > 10 -> throw new Rejection("counter: limit is 10");
                case Add add -> List.of(new Added(add.n()));
                case SetTo set when set.value() == state.value() -> List.of();
                case SetTo set -> List.of(new WasSet(set.value()));
                case Stamp stamp -> List.of(new Stamped(ids.get(), clock.instant()));
            };
        }

        @Override
        public Counter evolve(Counter state, Event event) {
            return switch (event) {
                case Added added -> new Counter(state.value() + added.n());
                case WasSet set -> new Counter(set.value());
                case Stamped stamped -> state;
            };
        }
    }
}
