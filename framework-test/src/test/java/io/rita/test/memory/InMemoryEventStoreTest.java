package io.rita.test.memory;

import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
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

        assertThatThrownBy(() -> store.append("orders.1", event("mine"), Expected.sequence(loaded)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.load("orders.1").events()).hasSize(1);
    }

    @Test
    void runs_the_concurrent_append_only_once() {
        store.beforeNextAppend(() -> store.append("orders.1", event("sneaked in")));
        store.append("orders.1", event("first"));

        long sequence = store.load("orders.1").sequence();
        store.append("orders.1", event("second"), Expected.sequence(sequence));

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
        InMemoryEventStore view = store.withOptions(RitaOptions.defaults());
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

    @Test
    void binds_the_subjects_under_its_name_by_default() {
        assertThat(store.config().subjects()).containsExactly("orders.>");
        assertThat(store.withOptions(RitaOptions.defaults()).config().subjects()).containsExactly("orders.>");
    }

    @Test
    void refuses_an_append_to_a_subject_it_does_not_bind_naming_what_it_binds() {
        assertThatThrownBy(() -> store.append("payments.1", event("elsewhere")))
                .isInstanceOf(EventStoreException.class)
                .hasMessage("cannot append to payments.1: store 'orders' does not take payments.1 (its subjects are"
                        + " [orders.>]), so nothing was stored. Append to a subject it takes, or add one to its subjects");
        assertThat(store.lastSequence()).isZero();
    }

    @Test
    void appends_to_the_subjects_it_was_given_and_to_no_others() {
        InMemoryEventStore kmm = new InMemoryEventStore(StoreConfig.of("kmm").withSubjects("kmm.events.>", "audit.*"),
                RitaOptions.defaults());

        kmm.append("kmm.events.accounts.susie", event("deposit"));
        kmm.append("audit.susie", event("audited"));

        assertThat(kmm.load(">").events()).extracting(StoredEvent::subject).containsExactly("kmm.events.accounts.susie", "audit.susie");
        for (String outside : new String[] {"kmm.1", "kmm.services.susie", "audit.susie.deeper"}) {
            assertThatThrownBy(() -> kmm.append(outside, event("x"))).as("append to %s", outside)
                    .isInstanceOf(EventStoreException.class);
        }
    }

    @Test
    void runs_the_concurrent_append_only_before_an_append_it_accepts() {
        store.beforeNextAppend(() -> store.append("orders.1", event("sneaked in")));

        assertThatThrownBy(() -> store.append("payments.1", event("elsewhere"))).isInstanceOf(EventStoreException.class);
        store.append("orders.1", event("mine"));

        assertThat(store.load("orders.1").events()).hasSize(2);
    }

    @Test
    void refuses_to_bind_no_subjects_or_invalid_ones() {
        for (List<String> bad : List.of(List.<String>of(), List.of("orders..1"), List.of("orders.>.x"), List.of("a b"))) {
            assertThatThrownBy(() -> new InMemoryEventStore(new StoreConfig("orders", bad, StoreConfig.Storage.FILE, 1,
                    java.time.Duration.ofMinutes(2), -1, io.rita.eventstore.AppendMode.AUTO), RitaOptions.defaults())).as("subjects %s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
