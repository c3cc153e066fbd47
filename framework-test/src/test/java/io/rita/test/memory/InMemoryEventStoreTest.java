package io.rita.test.memory;

import io.rita.eventstore.AppendOptions;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the in-memory store has: the concurrent-writer hook, views with other options, copies. */
class InMemoryEventStoreTest {

    private final InMemoryEventStore store = new InMemoryEventStore("orders");

    private static List<Event> event(String text) {
        return List.of(Event.of("noted", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refuses_an_event_id_already_stored_on_another_subject_as_the_jetstream_store_does() {
        store.append("orders.1", List.of(Event.of("noted", new byte[0]).withId("shared")));

        assertThatThrownBy(() -> store.append("orders.2", List.of(Event.of("noted", new byte[0]).withId("shared"))))
                .isInstanceOfSatisfying(io.rita.eventstore.DuplicateEventIdException.class,
                        e -> assertThat(e.storedOn()).isEqualTo("orders.1"));
        assertThat(store.load("orders.2").events()).isEmpty();
    }

    @Test
    void lets_a_test_slip_in_a_concurrent_append_between_load_and_append() {
        long loaded = store.load("orders.1").sequence();
        store.beforeNextAppend(() -> store.append("orders.1", event("sneaked in")));

        assertThatThrownBy(() -> store.append("orders.1", event("mine"), AppendOptions.expect(loaded)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.load("orders.1").events()).hasSize(1);
    }

    @Test
    void runs_the_concurrent_append_only_once() {
        store.beforeNextAppend(() -> store.append("orders.1", event("sneaked in")));
        store.append("orders.1", event("first"));

        long sequence = store.load("orders.1").sequence();
        store.append("orders.1", event("second"), AppendOptions.expect(sequence));

        assertThat(store.load("orders.1").events()).hasSize(3);
    }

    @Test
    void keeps_the_hook_when_an_append_is_refused_before_it_runs() {
        store.beforeNextAppend(() -> store.append("orders.1", event("sneaked in")));

        assertThatThrownBy(() -> store.append("orders.*", event("bad subject")))
                .isInstanceOf(IllegalArgumentException.class);
        store.append("orders.1", event("mine"));

        assertThat(store.load("orders.1").events()).hasSize(2);
    }

    @Test
    void shares_its_events_with_a_view_through_other_options() {
        InMemoryEventStore view = store.withOptions(io.rita.eventstore.RitaOptions.defaults());
        view.append("orders.1", event("through the view"));

        assertThat(store.load("orders.1").events()).hasSize(1);
        assertThat(view.name()).isEqualTo("orders");
    }

    @Test
    void keeps_its_own_copy_of_appended_bytes() {
        byte[] data = "original".getBytes(StandardCharsets.UTF_8);
        store.append("orders.1", List.of(Event.of("noted", data)));
        data[0] = 'X';

        byte[] loaded = (byte[]) store.load("orders.1").events().get(0).data();
        loaded[1] = 'Y';

        assertThat(store.load("orders.1").events().get(0).data()).isEqualTo("original".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void counts_the_last_sequence_across_subjects() {
        store.append("orders.1", event("a"));
        store.append("orders.2", event("b"));

        assertThat(store.lastSequence()).isEqualTo(2);
    }

    @Test
    void refuses_a_name_that_is_not_a_stream_name() {
        for (String bad : new String[] {"", "a.b", "a*", "a>", "a b", "a/b"}) {
            assertThatThrownBy(() -> new InMemoryEventStore(bad)).as("name '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
