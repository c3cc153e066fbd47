package io.rita.test;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Conformance of retries (a re-append of stored event ids) and of asynchronous appends: a
 * writer that lost an acknowledgement sends the same events again and must get the first
 * answer back, whatever happened on the subject since.
 */
abstract class RetryConformance extends AppendConformance {

    @Test
    void stores_a_retried_append_once_and_returns_its_original_sequence() {
        EventStore store = newStore(options());
        Event event = Event.of("a", bytes("1")).withId("retry-1");
        long original = store.append(subject(store, "1"), List.of(event)).sequence();
        store.append(subject(store, "1"), List.of(Event.of("a", bytes("2"))));

        long retried = store.append(subject(store, "1"), List.of(event)).sequence();

        assertThat(retried).isEqualTo(original);
        assertThat(store.load(subject(store, "1")).events()).extracting(StoredEvent::id).containsOnlyOnce("retry-1");
    }

    @Test
    void stores_a_retried_append_once_even_when_its_expectation_is_now_stale() {
        EventStore store = newStore(options());
        Event event = Event.of("a", bytes("1")).withId("retry-1");
        long original = store.append(subject(store, "1"), List.of(event), Expected.sequence(0)).sequence();

        long retried = store.append(subject(store, "1"), List.of(event), Expected.sequence(0)).sequence();

        assertThat(retried).isEqualTo(original);
        assertThat(store.load(subject(store, "1")).events()).hasSize(1);
    }

    @Test
    void stores_a_retried_multi_event_append_once() {
        EventStore store = newStore(options());
        List<Event> batch = List.of(Event.of("a", bytes("1")).withId("b-1"), Event.of("a", bytes("2")).withId("b-2"));
        long original = store.append(subject(store, "1"), batch, Expected.sequence(0)).sequence();

        long retried = store.append(subject(store, "1"), batch, Expected.sequence(0)).sequence();

        assertThat(retried).isEqualTo(original);
        assertThat(store.load(subject(store, "1")).events()).extracting(StoredEvent::id).containsExactly("b-1", "b-2");
    }

    @Test
    void answers_a_retry_with_its_original_sequence_after_another_writer_moved_the_subject_on() {
        // nats-server answers a duplicate before it checks the expectation, so the retry of an
        // append that did succeed is no conflict even though the subject has moved on
        EventStore store = newStore(options());
        Event event = Event.of("a", bytes("1")).withId("retry-1");
        long original = store.append(subject(store, "1"), List.of(event), Expected.sequence(0)).sequence();
        long other = store.append(subject(store, "1"), List.of(Event.of("a", bytes("other writer")))).sequence();

        long retried = store.append(subject(store, "1"), List.of(event), Expected.sequence(0)).sequence();

        assertThat(retried).isEqualTo(original);
        LoadResult loaded = store.load(subject(store, "1"));
        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("1", "other writer");
        assertThat(loaded.sequence()).isEqualTo(other);
    }

    @Test
    void answers_a_retried_batch_with_its_original_sequence_after_another_writer_moved_the_subject_on() {
        EventStore store = newStore(options());
        List<Event> batch = List.of(Event.of("a", bytes("1")).withId("b-1"), Event.of("a", bytes("2")).withId("b-2"));
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("0")))).sequence();
        long original = store.append(subject(store, "1"), batch, Expected.sequence(first)).sequence();
        store.append(subject(store, "1"), List.of(Event.of("a", bytes("3"))));

        long retried = store.append(subject(store, "1"), batch, Expected.sequence(first)).sequence();

        assertThat(retried).isEqualTo(original);
        assertThat(store.load(subject(store, "1")).events()).extracting(e -> text(e.data()))
                .containsExactly("0", "1", "2", "3");
    }

    @Test
    void refuses_an_event_id_already_stored_on_another_subject() {
        EventStore store = newStore(options());
        long original = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")).withId("shared"))).sequence();

        DuplicateEventIdException duplicate = catchThrowableOfType(DuplicateEventIdException.class, () ->
                store.append(subject(store, "2"), List.of(Event.of("a", bytes("2")).withId("shared"))));

        assertThat(duplicate.subject()).isEqualTo(subject(store, "2"));
        assertThat(duplicate.eventId()).isEqualTo("shared");
        assertThat(duplicate.storedOn()).isEqualTo(subject(store, "1"));
        assertThat(duplicate.storedAt()).isEqualTo(original);
        assertThat(store.load(subject(store, "2")).events()).isEmpty();
    }

    @Test
    void appends_asynchronously_with_the_sequence_a_load_then_reports() throws Exception {
        EventStore store = newStore(options());

        long sequence = store.appendAsync(subject(store, "1"), List.of(Event.of("a", bytes("1"))),
                Expected.sequence(0)).get(30, TimeUnit.SECONDS).sequence();

        assertThat(store.load(subject(store, "1")).sequence()).isEqualTo(sequence);
    }

    @Test
    void completes_an_asynchronous_append_with_a_stale_expectation_with_a_conflict() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        long second = store.append(subject(store, "1"), List.of(Event.of("a", bytes("2")))).sequence();

        CompletableFuture<AppendResult> future = store.appendAsync(subject(store, "1"), List.of(Event.of("a", bytes("3"))),
                Expected.sequence(first));

        Throwable failure = unwrap(catchThrowable(future::get));
        assertThat(failure).isInstanceOf(ConcurrencyConflictException.class);
        ConcurrencyConflictException conflict = (ConcurrencyConflictException) failure;
        assertThat(conflict.subject()).isEqualTo(subject(store, "1"));
        assertThat(conflict.expected()).isEqualTo(first);
        assertThat(conflict.actual()).isEqualTo(second);
        assertThat(store.load(subject(store, "1")).events()).extracting(e -> text(e.data())).containsExactly("1", "2");
    }

    @Test
    void answers_a_retried_asynchronous_append_with_its_original_sequence_and_stores_nothing() throws Exception {
        EventStore store = newStore(options());
        List<Event> batch = List.of(Event.of("a", bytes("1")).withId("async-1"), Event.of("a", bytes("2")).withId("async-2"));
        long original = store.appendAsync(subject(store, "1"), batch, Expected.sequence(0)).get(30, TimeUnit.SECONDS).sequence();
        store.append(subject(store, "1"), List.of(Event.of("a", bytes("3"))));

        long retried = store.appendAsync(subject(store, "1"), batch, Expected.sequence(0)).get(30, TimeUnit.SECONDS).sequence();

        assertThat(retried).isEqualTo(original);
        assertThat(store.load(subject(store, "1")).events()).extracting(e -> text(e.data()))
                .containsExactly("1", "2", "3");
    }

    /** What a future failed with: its cause, without the wrappers of {@code get} and {@code join}. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
