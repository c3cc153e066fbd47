package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conformance of loads: last sequence, wildcards, {@code afterSequence}, refusals. */
abstract class LoadConformance extends RefusalConformance {

    @Test
    void loads_the_last_sequence_of_the_subject_not_of_the_store() {
        EventStore store = newStore(options());
        long mine = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        store.append(subject(store, "2"), List.of(Event.of("a", bytes("2"))));

        assertThat(store.load(subject(store, "1")).sequence()).isEqualTo(mine);
    }

    @Test
    void gives_no_events_and_sequence_0_for_an_empty_subject() {
        EventStore store = newStore(options());
        store.append(subject(store, "other"), List.of(Event.of("a", bytes("1"))));

        LoadResult loaded = store.load(subject(store, "empty"));

        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.sequence()).isZero();
    }

    @Test
    void loads_a_single_token_wildcard_in_stream_order() {
        EventStore store = newStore(options());
        store.append(subject(store, "orders.1"), List.of(Event.of("a", bytes("o1"))));
        store.append(subject(store, "payments.1"), List.of(Event.of("a", bytes("p1"))));
        long last = store.append(subject(store, "orders.2"), List.of(Event.of("a", bytes("o2")))).sequence();
        store.append(subject(store, "orders.2.lines"), List.of(Event.of("a", bytes("deeper"))));

        LoadResult loaded = store.load(subject(store, "orders.*"));

        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("o1", "o2");
        assertThat(loaded.events()).extracting(StoredEvent::subject)
                .containsExactly(subject(store, "orders.1"), subject(store, "orders.2"));
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void loads_a_multi_token_wildcard_in_stream_order() {
        EventStore store = newStore(options());
        store.append(subject(store, "orders.1"), List.of(Event.of("a", bytes("o1"))));
        store.append(subject(store, "payments.1"), List.of(Event.of("a", bytes("p1")), Event.of("a", bytes("p2"))));
        long last = store.append(subject(store, "orders.2.lines"), List.of(Event.of("a", bytes("deeper")))).sequence();

        LoadResult loaded = store.load(subject(store, ">"));

        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("o1", "p1", "p2", "deeper");
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void loads_only_the_events_after_a_sequence() {
        EventStore store = newStore(options());
        long first = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();
        store.append(subject(store, "1"), List.of(Event.of("a", bytes("2")), Event.of("a", bytes("3"))));
        long last = store.append(subject(store, "1"), List.of(Event.of("a", bytes("4")))).sequence();

        LoadResult loaded = store.load(subject(store, "1"), first);

        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("2", "3", "4");
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void loads_only_the_events_after_a_sequence_through_a_wildcard() {
        EventStore store = newStore(options());
        store.append(subject(store, "orders.1"), List.of(Event.of("a", bytes("o1"))));
        long after = store.append(subject(store, "orders.2"), List.of(Event.of("a", bytes("o2")))).sequence();
        store.append(subject(store, "payments.1"), List.of(Event.of("a", bytes("p1"))));
        store.append(subject(store, "orders.1"), List.of(Event.of("a", bytes("o3")), Event.of("a", bytes("o4"))));
        long last = store.append(subject(store, "orders.3"), List.of(Event.of("a", bytes("o5")))).sequence();
        store.append(subject(store, "payments.2"), List.of(Event.of("a", bytes("p2"))));

        LoadResult loaded = store.load(subject(store, "orders.*"), after);

        assertThat(loaded.events()).extracting(e -> text(e.data())).containsExactly("o3", "o4", "o5");
        assertThat(loaded.events()).extracting(StoredEvent::subject).containsExactly(
                subject(store, "orders.1"), subject(store, "orders.1"), subject(store, "orders.3"));
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void loads_nothing_through_a_wildcard_after_its_last_sequence_but_still_reports_it() {
        EventStore store = newStore(options());
        long last = store.append(subject(store, "orders.1"), List.of(Event.of("a", bytes("o1")))).sequence();
        long later = store.append(subject(store, "payments.1"), List.of(Event.of("a", bytes("p1")))).sequence();

        LoadResult loaded = store.load(subject(store, "orders.>"), later);

        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void loads_nothing_after_the_last_sequence_but_still_reports_it() {
        EventStore store = newStore(options());
        long last = store.append(subject(store, "1"), List.of(Event.of("a", bytes("1")))).sequence();

        LoadResult loaded = store.load(subject(store, "1"), last);

        assertThat(loaded.events()).isEmpty();
        assertThat(loaded.sequence()).isEqualTo(last);
    }

    @Test
    void refuses_loads_of_invalid_filters_and_negative_sequences() {
        EventStore store = newStore(options());

        for (String bad : new String[] {store.name() + "..1", store.name() + ".>.1", "", store.name() + ".a b"}) {
            assertThatThrownBy(() -> store.load(bad)).as("load '%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.load(subject(store, "1"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loads_after_a_sequence_learned_later_as_after_one_known_at_once() {
        EventStore store = newStore(options());
        String subject = subject(store, "1");
        for (int i = 1; i <= 5; i++) {
            store.append(subject, List.of(Event.of("a", bytes("e" + i))));
            store.append(subject(store, "2"), List.of(Event.of("a", bytes("other" + i))));
        }
        store.append(subject, List.of(Event.of("a", bytes("b1")), Event.of("a", bytes("b2"))));
        long last = store.load(subject).sequence();

        // every position: on an event of the subject (a snapshot's covered event), between, before, past the end
        for (long after = 0; after <= last + 1; after++) {
            LoadResult expected = store.load(subject, after);
            LoadResult loaded = store.load(subject, CompletableFuture.completedFuture(after), UnknownTypes.FAIL);
            assertThat(loaded.events()).extracting(e -> e.id() + "@" + e.sequence() + ": " + text(e.data()))
                    .as("after %d", after).isEqualTo(expected.events().stream()
                            .map(e -> e.id() + "@" + e.sequence() + ": " + text(e.data())).toList());
            assertThat(loaded.sequence()).as("after %d", after).isEqualTo(expected.sequence());
        }
    }

    @Test
    void waits_for_a_sequence_that_comes_while_loading() throws Exception {
        EventStore store = newStore(options());
        String subject = subject(store, "1");
        long first = store.append(subject, List.of(Event.of("a", bytes("1")))).sequence();
        store.append(subject, List.of(Event.of("a", bytes("2"))));
        CompletableFuture<Long> after = new CompletableFuture<>();

        CompletableFuture<LoadResult> loading = CompletableFuture.supplyAsync(
                () -> store.load(subject, after, UnknownTypes.FAIL));
        Thread.sleep(50); // the load is under way, waiting
        assertThat(loading).isNotDone();
        after.complete(first);

        assertThat(loading.get(10, TimeUnit.SECONDS).events()).extracting(e -> text(e.data())).containsExactly("2");
    }

    @Test
    void fails_a_load_whose_sequence_fails_with_its_cause_and_refuses_a_negative_one() {
        EventStore store = newStore(options());
        String subject = subject(store, "1");
        store.append(subject, List.of(Event.of("a", bytes("1"))));
        EventStoreException cause = new EventStoreException(subject, "the snapshot store is gone");

        assertThatThrownBy(() -> store.load(subject, CompletableFuture.failedFuture(cause), UnknownTypes.FAIL))
                .isSameAs(cause);
        assertThatThrownBy(() -> store.load(subject, CompletableFuture.failedFuture(new IllegalStateException("x")),
                UnknownTypes.FAIL)).isInstanceOf(EventStoreException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> store.load(subject, CompletableFuture.completedFuture(-1L), UnknownTypes.FAIL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_interrupt_while_waiting_for_the_sequence_fails_the_load_and_keeps_the_flag() throws Exception {
        EventStore store = newStore(options());
        String subject = subject(store, "1");
        store.append(subject, List.of(Event.of("a", bytes("1"))));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
        Thread loading = Thread.ofPlatform().start(() -> {
            try {
                store.load(subject, new CompletableFuture<>(), UnknownTypes.FAIL); // never completes
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
            flagKept.complete(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(100); // waiting for the sequence by now
        loading.interrupt();

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("interrupted");
        assertThat(flagKept.get(10, TimeUnit.SECONDS)).as("the thread's interrupt flag").isTrue();
    }
}
