package io.rita.eventstore;

import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JetStreamEventStore#appendAsync}: the same promises as a blocking append, kept without
 * blocking the caller: a resend of the same event ids counts once and says so, an id stored for
 * another event is refused, and what cannot be sent fails the future, not the call.
 */
@Timeout(60)
class AsyncAppendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private JetStreamEventStore store;

    @BeforeEach
    void newStore(TestInfo test) {
        store = Rita.of(nats.connection()).eventStore("y" + Integer.toHexString(test.getDisplayName().hashCode()
                & 0x7fffffff));
        store.create();
    }

    private String subject(String name) {
        return store.name() + "." + name;
    }

    @Test
    void a_resend_with_the_same_ids_returns_the_first_sequence_as_a_duplicate_and_stores_nothing_more() {
        Event deposit = Event.of("deposited", new byte[]{5}).withId("deposit-1");
        AppendResult first = store.appendAsync(subject("susie"), List.of(deposit), Expected.sequence(0)).join();
        store.append(subject("bobby"), List.of(Event.of("deposited", new byte[]{1})));

        AppendResult resent = store.appendAsync(subject("susie"), List.of(deposit), Expected.any()).join();

        assertThat(first).isEqualTo(new AppendResult(1, false));
        assertThat(resent).isEqualTo(new AppendResult(1, true));
        assertThat(store.load(subject("susie")).events()).hasSize(1);
    }

    @Test
    void an_id_stored_for_another_subject_fails_the_future_and_appends_nothing() {
        store.append(subject("a"), List.of(Event.of("x", new byte[0]).withId("shared-id")));

        assertThat(store.appendAsync(subject("b"), List.of(Event.of("x", new byte[0]).withId("shared-id")),
                Expected.any()))
                .failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DuplicateEventIdException.class, e -> {
                    assertThat(e.eventId()).isEqualTo("shared-id");
                    assertThat(e.storedOn()).isEqualTo(subject("a"));
                });
        assertThat(store.load(subject("b")).events()).isEmpty();
    }

    @Test
    void an_append_too_large_to_send_fails_the_future_not_the_call() {
        int max = (int) nats.connection().getMaxPayload();

        CompletableFuture<AppendResult> future = store.appendAsync(subject("big"), List.of(Event.of("x", new byte[max])), Expected.any());

        assertThat(future).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PayloadTooLargeException.class);
        assertThat(store.load(subject("big")).events()).isEmpty();
    }

    @Test
    void many_appends_in_flight_each_get_their_own_sequence() {
        List<CompletableFuture<AppendResult>> sent = IntStream.range(0, 200)
                .mapToObj(i -> store.appendAsync(subject("s" + i % 10), List.of(Event.of("x", new byte[]{(byte) i})),
                        Expected.any()))
                .toList();
        List<AppendResult> results = sent.stream().map(CompletableFuture::join).toList();

        assertThat(results).extracting(AppendResult::sequence).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 200);
        assertThat(results).noneMatch(AppendResult::duplicate);
    }
}
