package io.rita.service;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;

import java.util.List;

/** A tiny domain for the dispatcher tests: a counter that must not exceed its limit. */
final class Counters {

    record Add(int n) {
    }

    record Noop() {
    }

    record Added(int n) {
    }

    record Count(int value) {
    }

    static final int LIMIT = 100;

    /** The counters' events, for a store. */
    static final io.rita.types.TypeRegistry TYPES = io.rita.types.TypeRegistry.builder().add("added", Added.class).build();

    /** A fresh in-memory store of counters, counting what is asked of it. */
    static Counting store() {
        return new Counting(new io.rita.test.memory.InMemoryEventStore("counters",
                io.rita.eventstore.RitaOptions.defaults().withTypes(TYPES)));
    }

    /** A fresh in-memory store of counters whose events get their time from {@code clock} and ids from {@code ids}. */
    static Counting store(java.time.Clock clock, java.util.function.Supplier<String> ids) {
        return new Counting(new io.rita.test.memory.InMemoryEventStore("counters",
                io.rita.eventstore.RitaOptions.defaults().withTypes(TYPES).withClock(clock).withIds(ids)));
    }

    static final Decider<Object, Added, Count> DECIDER = decider(LIMIT);

    /** A counter that refuses to go over {@code limit}. */
    static Decider<Object, Added, Count> decider(int limit) {
        return Decider.of(new Count(0),
                (state, command) -> switch (command) {
                    case Add add when add.n() <= 0 -> throw new Rejection("counter: n must be positive");
                    case Add add when state.value() + add.n() > limit -> throw new Rejection("counter: limit is " + limit);
                    case Add add -> List.of(new Added(add.n()));
                    default -> List.of();
                },
                (state, event) -> new Count(state.value() + event.n()));
    }

    static final CommandRoute<Add, Added, Count> ADD = CommandRoute.of("counters.*.add", Add.class,
            (req, command) -> "counters." + req.token(1), DECIDER);

    static final CommandRoute<Noop, Added, Count> NOOP = CommandRoute.of("counters.*.noop", Noop.class,
            (req, command) -> "counters." + req.token(1), DECIDER);

    static final QueryRoute<Added, Count> VALUE = QueryRoute.of("counters.*.value",
            req -> "counters." + req.token(1), DECIDER, (state, req) -> state);

    static final QueryRoute<Added, Count> TOTAL = QueryRoute.of("counters.all.total",
            req -> "counters.*", DECIDER, (state, req) -> state);

    private Counters() {
    }
}
