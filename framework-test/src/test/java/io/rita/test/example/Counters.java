package io.rita.test.example;

import io.rita.service.Route;
import io.rita.test.example.CounterCommand.Add;
import io.rita.test.example.CounterCommand.Reset;
import io.rita.test.example.CounterEvent.Added;
import io.rita.test.example.CounterEvent.WasReset;
import io.rita.types.TypeRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A small counter service: its event types and its routes. */
final class Counters {

    static final TypeRegistry TYPES = TypeRegistry.builder()
            .add("counter-added", Added.class)
            .add("counter-reset", WasReset.class)
            .build();

    private Counters() {
    }

    /** {@code counters.<id>.add}, {@code counters.<id>.reset} and {@code counters.<id>.value}. */
    static List<Route> routes(Clock clock) {
        CounterDecider counter = new CounterDecider(clock);
        return List.of(
                Route.command("counters.*.add", Add.class, (req, command) -> "counters." + req.token(1), counter),
                Route.command("counters.*.reset", Reset.class, (req, command) -> "counters." + req.token(1), counter),
                Route.query("counters.*.value", req -> "counters." + req.token(1), counter,
                        (state, req) -> Map.of("value", state.value())));
    }
}
