package io.rita.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rita.aggregate.EngineOptions;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.Event;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Route;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.Request;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RitaMetricsTest {

    record Add(int n) {
    }

    record Added(int n) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryEventStore store = new InMemoryEventStore("counters",
            RitaOptions.defaults().withTypes(TypeRegistry.builder().add("added", Added.class).build()));
    private final Decider<Add, Added, Integer> counter = Decider.of(0, (state, add) -> {
        if (state + add.n() > 10) {
            throw new Rejection("counter: limit is 10");
        }
        return List.of(new Added(add.n()));
    }, (state, added) -> state + added.n());
    private final Dispatcher dispatcher = Dispatcher.of(store,
            List.of(Route.command("counters.*.add", Add.class, (req, add) -> "counters." + req.token(1), counter)),
            DispatchOptions.defaults().withEngine(EngineOptions.defaults().withObserver(RitaMetrics.of(registry))));

    private void add(int n) {
        dispatcher.dispatch(Request.of("counters.c1.add", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void counts_commands_by_route_and_result_and_times_them() {
        add(4);
        add(4);
        add(4);   // over the limit

        assertThat(count(RitaMetrics.COMMANDS, "route", "add", "result", "accepted")).isEqualTo(2);
        assertThat(count(RitaMetrics.COMMANDS, "route", "add", "result", "rejected")).isEqualTo(1);
        assertThat(registry.get(RitaMetrics.DURATION).tag("route", "add").timer().count()).isEqualTo(3);
        assertThat(count(RitaMetrics.CACHE, "route", "add", "hit", "false")).isEqualTo(1);
        assertThat(count(RitaMetrics.CACHE, "route", "add", "hit", "true")).isEqualTo(2);
        assertThat(registry.get(RitaMetrics.GROUP_SIZE).tag("route", "add").summary().max()).isEqualTo(1);
    }

    @Test
    void counts_the_rounds_decided_again_after_another_writer_got_in_first() {
        add(1);
        store.beforeNextAppend(() -> store.append("counters.c1", List.of(Event.of(new Added(1)))));

        add(1);

        assertThat(count(RitaMetrics.RETRIES, "route", "add")).isEqualTo(1);
        assertThat(count(RitaMetrics.COMMANDS, "route", "add", "result", "accepted")).isEqualTo(2);
    }

    @Test
    void tags_commands_handled_without_a_route_as_none() {
        io.rita.aggregate.AggregateEngine.of(store, counter, EngineOptions.defaults()
                .withObserver(RitaMetrics.of(registry))).handle("counters.c2", new Add(1));

        assertThat(count(RitaMetrics.COMMANDS, "route", "none", "result", "accepted")).isEqualTo(1);
    }
}
