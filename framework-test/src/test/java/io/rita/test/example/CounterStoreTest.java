package io.rita.test.example;

import io.rita.aggregate.AggregateEngine;
import io.rita.aggregate.Folded;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.test.example.CounterEvent.Added;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The counter domain against a real nats-server, through the extension. */
class CounterStoreTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    @Test
    void folds_a_counter_from_its_stored_events() {
        JetStreamEventStore store = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(Counters.TYPES))
                .eventStore("counters_fold");
        store.create();
        Instant now = Instant.parse("2022-05-30T13:41:53Z");

        long first = store.append("counters_fold.c1", List.of(Event.of(new Added(4, now))), Expected.sequence(0)).sequence();
        long last = store.append("counters_fold.c1", List.of(Event.of(new Added(3, now))), Expected.sequence(first)).sequence();

        Folded<Counter> folded = AggregateEngine.of(store, new CounterDecider(Clock.systemUTC())).read("counters_fold.c1");
        assertThat(folded).isEqualTo(new Folded<>(new Counter(7), last));
    }
}
