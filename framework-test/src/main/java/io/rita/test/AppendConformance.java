package io.rita.test;

import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Conformance of appends: fields, sequences, expectations, multi-event batches. */
abstract class AppendConformance extends ConformanceSupport {

    @Test
    void round_trips_every_field_of_an_event() {
        EventStore store = newStore(options());
        OffsetDateTime time = OffsetDateTime.of(2022, 5, 19, 7, 18, 12, 707985190, ZoneOffset.ofHours(-4));
        Event event = Event.of("order-placed", bytes("{\"item\":\"book\"}"))
                .withId("ECY04xVdGe8SGsNIsCMIZU").withTime(time).withMeta(Map.of("user", "ann", "trace-id", "t1"));

        long sequence = store.append(subject(store, "1"), List.of(event)).sequence();

        StoredEvent loaded = store.load(subject(store, "1")).events().get(0);
        assertThat(loaded.id()).isEqualTo("ECY04xVdGe8SGsNIsCMIZU");
        assertThat(loaded.time()).isEqualTo(time);
        assertThat(loaded.type()).isEqualTo("order-placed");
        assertThat(text(loaded.data())).isEqualTo("{\"item\":\"book\"}");
        assertThat(loaded.meta()).isEqualTo(Map.of("user", "ann", "trace-id", "t1"));
        assertThat(loaded.subject()).isEqualTo(subject(store, "1"));
        assertThat(loaded.sequence()).isEqualTo(sequence);
    }

    @Test
    void fills_in_a_missing_id_and_time_from_the_options() {
        EventStore store = newStore(options());

        store.append(subject(store, "1"), List.of(Event.of("order-placed", bytes("x"))));

        StoredEvent loaded = store.load(subject(store, "1")).events().get(0);
        assertThat(loaded.id()).isEqualTo("conformance-1");
        assertThat(loaded.time().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void numbers_appends_with_one_sequence_across_all_subjects() {
        EventStore store = newStore(options());

        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        long second = store.append(subject(store, "2"), List.of(Event.of("a", bytes("2")))).sequence();
        long third = store.append(subject(store, "1"), List.of(Event.of("a", bytes("3")))).sequence();

        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(second + 1);
        assertThat(store.load(subject(store, "1")).events()).extracting(StoredEvent::sequence).containsExactly(first, third);
    }

    @Test
    void appends_to_a_new_subject_when_expecting_no_events() {
        EventStore store = newStore(options());

        long sequence = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1"))), Expected.sequence(0)).sequence();

        assertThat(store.load(subject(store, "1")).sequence()).isEqualTo(sequence);
    }

    @Test
    void appends_when_the_expected_sequence_is_the_subjects_last() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        store.append(subject(store, "2"), List.of(Event.of("a", bytes("other subject"))));

        long second = store.append(subject(store, "1"), List.of(Event.of("a", bytes("2"))), Expected.sequence(first)).sequence();

        assertThat(store.load(subject(store, "1")).events()).extracting(StoredEvent::sequence).containsExactly(first, second);
    }

    @Test
    void refuses_an_append_whose_expected_sequence_is_stale() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        long second = store.append(subject(store, "1"), List.of(Event.of("a", bytes("2")))).sequence();

        ConcurrencyConflictException conflict = catchThrowableOfType(ConcurrencyConflictException.class, () ->
                store.append(subject(store, "1"), List.of(Event.of("a", bytes("3"))), Expected.sequence(first)));

        assertThat(conflict.subject()).isEqualTo(subject(store, "1"));
        assertThat(conflict.expected()).isEqualTo(first);
        assertThat(conflict.actual()).isEqualTo(second);
        assertThat(store.load(subject(store, "1")).events()).hasSize(2);
    }

    @Test
    void refuses_an_append_expecting_no_events_on_a_subject_that_has_some() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();

        ConcurrencyConflictException conflict = catchThrowableOfType(ConcurrencyConflictException.class, () ->
                store.append(subject(store, "1"), List.of(Event.of("a", bytes("2"))), Expected.sequence(0)));

        assertThat(conflict.expected()).isZero();
        assertThat(conflict.actual()).isEqualTo(first);
    }

    @Test
    void refuses_an_append_expecting_a_sequence_on_an_empty_subject() {
        EventStore store = newStore(options());
        long elsewhere = store.append(subject(store, "2"), List.of(Event.of("a", bytes("1")))).sequence();

        ConcurrencyConflictException conflict = catchThrowableOfType(ConcurrencyConflictException.class, () ->
                store.append(subject(store, "1"), List.of(Event.of("a", bytes("2"))), Expected.sequence(elsewhere)));

        assertThat(conflict.expected()).isEqualTo(elsewhere);
        assertThat(conflict.actual()).isZero();
        assertThat(store.load(subject(store, "1")).events()).isEmpty();
    }

    @Test
    void stores_the_events_of_one_append_under_one_sequence_each_with_its_own_fields() {
        EventStore store = newStore(options());
        OffsetDateTime time = OffsetDateTime.of(2022, 5, 30, 13, 41, 53, 0, ZoneOffset.ofHours(2));
        List<Event> batch = List.of(
                Event.of("order-placed", bytes("1")).withId("e-1").withMeta("n", "1"),
                Event.of("order-paid", bytes("2")).withId("e-2").withTime(time),
                Event.of("order-shipped", bytes("3")).withId("e-3"));

        long sequence = store.append(subject(store, "1"), batch).sequence();

        LoadResult loaded = store.load(subject(store, "1"));
        assertThat(loaded.sequence()).isEqualTo(sequence);
        assertThat(loaded.events()).extracting(StoredEvent::sequence).containsOnly(sequence);
        assertThat(loaded.events()).extracting(StoredEvent::id).containsExactly("e-1", "e-2", "e-3");
        assertThat(loaded.events()).extracting(StoredEvent::type).containsExactly("order-placed", "order-paid", "order-shipped");
        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("1", "2", "3");
        assertThat(loaded.events().get(0).meta()).isEqualTo(Map.of("n", "1"));
        assertThat(loaded.events().get(1).time()).isEqualTo(time);
        assertThat(loaded.events().get(2).time().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void stores_nothing_of_a_multi_event_append_whose_expectation_fails() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        List<Event> batch = List.of(Event.of("a", bytes("2")), Event.of("a", bytes("3")));

        assertThatThrownBy(() -> store.append(subject(store, "1"), batch, Expected.sequence(0)))
                .isInstanceOf(ConcurrencyConflictException.class);

        LoadResult loaded = store.load(subject(store, "1"));
        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("1");
        assertThat(loaded.sequence()).isEqualTo(first);
    }
}
