package io.rita.test.example;

import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.test.DeciderFixture;
import io.rita.test.example.CounterEvent.Added;
import io.rita.test.memory.InMemoryEventStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory store used on its own, as code that needs an EventStore without NATS uses it. */
class CounterMemoryStoreTest {

    private static final Instant NOW = DeciderFixture.DEFAULT_TIME;

    // binds "counters.>", as a JetStream store named "counters" created with its defaults
    private final InMemoryEventStore store = new InMemoryEventStore("counters", RitaOptions.defaults().withTypes(Counters.TYPES));

    @Test
    void loads_the_events_of_several_counters_through_a_wildcard() {
        long first = store.append("counters.c1", List.of(Event.of(new Added(4, NOW))), Expected.sequence(0)).sequence();
        store.append("counters.c2", List.of(Event.of(new Added(1, NOW))), Expected.sequence(0));

        LoadResult loaded = store.load("counters.*");

        assertThat(loaded.events()).extracting(StoredEvent::data).containsExactly(new Added(4, NOW), new Added(1, NOW));
        assertThat(loaded.events().get(0).sequence()).isEqualTo(first);
    }

    @Test
    void meets_a_conflict_when_another_writer_slips_in_between_load_and_append() {
        LoadResult loaded = store.load("counters.c1");
        store.beforeNextAppend(() -> store.append("counters.c1", List.of(Event.of(new Added(2, NOW)))));

        assertThatThrownBy(() -> store.append("counters.c1", List.of(Event.of(new Added(3, NOW))),
                Expected.sequence(loaded.sequence())))
                .isInstanceOf(ConcurrencyConflictException.class);
    }

    @Test
    void refuses_subjects_outside_the_ones_it_binds() {
        InMemoryEventStore shop = new InMemoryEventStore(StoreConfig.of("shop").withSubjects("shop.counters.>"),
                RitaOptions.defaults().withTypes(Counters.TYPES));

        shop.append("shop.counters.c1", List.of(Event.of(new Added(4, NOW))));

        assertThatThrownBy(() -> shop.append("shop.tills.t1", List.of(Event.of(new Added(4, NOW)))))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("store 'shop' does not take shop.tills.t1 (its subjects are [shop.counters.>])");
    }
}
