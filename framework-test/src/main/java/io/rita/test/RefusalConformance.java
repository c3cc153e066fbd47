package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conformance of refused appends: input that cannot go on the wire as it is (subjects, ids,
 * metadata, type names) is refused before anything is stored, by every store alike.
 */
abstract class RefusalConformance extends RetryConformance {

    @Test
    void refuses_appends_to_subjects_that_are_not_concrete() {
        EventStore store = newStore(options());
        String name = store.name();
        List<Event> events = List.of(Event.of("a", bytes("1")));

        for (String bad : new String[] {name + ".*", name + ".>", name + "..1", name + ".", name + ".a b", "", null}) {
            assertThatThrownBy(() -> store.append(bad, events))
                    .as("append to '%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.load(name + ".>").events()).isEmpty();
    }

    @Test
    void refuses_an_append_without_an_expectation_rather_than_append_without_a_check() {
        EventStore store = newStore(options());

        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(Event.of("a", bytes("1"))), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("Expected.any()");
        assertThat(store.load(subject(store, "1")).events()).isEmpty();
    }

    @Test
    void refuses_an_append_without_events() {
        EventStore store = newStore(options());

        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needs_bytes_and_a_type_without_a_registry() {
        EventStore store = newStore(options());

        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(Event.of(bytes("1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(Event.of("a", "not bytes"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(subject(store, "1")).events()).isEmpty();
    }
    @Test
    void refuses_an_append_to_a_subject_the_store_does_not_bind() {
        EventStore store = newStore(options());
        String outside = store.name() + "-elsewhere.1";

        assertThatThrownBy(() -> store.append(outside, List.of(Event.of("a", bytes("1")))))
                .isInstanceOf(EventStoreException.class)
                .isNotInstanceOf(IllegalArgumentException.class);
        // nor read from it as if it were empty: a subject function with a typo must not pass for an empty aggregate
        assertThatThrownBy(() -> store.load(outside))
                .isInstanceOf(EventStoreException.class).hasMessageContaining(outside);
        assertThat(store.load(store.name() + "-elsewhere.>").events()).isEmpty(); // a wildcard is not checked
    }

    @Test
    void refuses_event_ids_that_are_not_printable_ascii_without_spaces() {
        EventStore store = newStore(options());

        for (String bad : new String[] {"", " ", "a b", "tab\tid", "zoë-1", "line\nbreak"}) {
            refuses(store, Event.of("a", bytes("1")).withId(bad), "id '" + bad + "'");
        }
    }

    @Test
    void refuses_meta_keys_that_cannot_be_header_names() {
        EventStore store = newStore(options());

        for (String bad : new String[] {"a.b", "a b", "", "zoë", "a:b"}) {
            refuses(store, Event.of("a", bytes("1")).withMeta(bad, "v"), "meta key '" + bad + "'");
        }
    }

    @Test
    void refuses_meta_values_that_are_not_printable_ascii_on_one_line() {
        EventStore store = newStore(options());

        for (String bad : new String[] {"Zoë", "a\r\nb", "a\nb", "a\rb", " leading", "trailing ", "\ttab"}) {
            refuses(store, Event.of("a", bytes("1")).withMeta("user", bad), "meta value '" + bad + "'");
        }
    }

    @Test
    void refuses_type_names_that_are_not_dotted_words_without_a_registry() {
        EventStore store = newStore(options());

        for (String bad : new String[] {"a..b", "a b", "", ".a", "a.", "zoë"}) {
            refuses(store, Event.of(bad, bytes("1")), "type '" + bad + "'");
        }
    }

    @Test
    void keeps_printable_meta_values_with_inner_spaces_as_they_are() {
        EventStore store = newStore(options());
        Map<String, String> meta = Map.of("user", "Zoe Smith", "note", "a=b; c,d \"e\"", "empty", "");

        store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")).withMeta(meta)));

        assertThat(store.load(subject(store, "1")).events().get(0).meta()).isEqualTo(meta);
    }

    /**
     * Checks that {@code bad} is refused alone and as the second event of a batch whose first
     * event is fine, and that nothing of either append is stored.
     */
    private void refuses(EventStore store, Event bad, String what) {
        Event good = Event.of("a", bytes("fine"));
        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(bad)))
                .as("an append of an event with %s", what).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(good, bad)))
                .as("an append of a batch with %s", what).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(store.name() + ".>").events()).as("stored after refusing %s", what).isEmpty();
    }
}
