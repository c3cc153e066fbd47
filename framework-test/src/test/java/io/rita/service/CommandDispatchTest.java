package io.rita.service;

import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CommandDispatchTest {

    private final AtomicInteger ids = new AtomicInteger();
    private final Counting store = Counters.store(Clock.fixed(Instant.parse("2024-05-30T13:41:53Z"), ZoneOffset.UTC),
            () -> "cmd" + ids.incrementAndGet());
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.NOOP, Counters.VALUE));

    static Request add(String counter, int n) {
        return Request.of("counters." + counter + ".add", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appends_the_decided_events_and_replies_success_with_the_new_sequence() {
        Reply reply = dispatcher.dispatch(add("a", 3));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.body()).isEmpty();
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(3));
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "1");
    }

    @Test
    void gives_events_deterministic_ids_time_and_causation_metadata() {
        dispatcher.dispatch(add("a", 3).withHeader(ServiceHeaders.COMMAND_ID, "c-42")
                .withHeader(ServiceHeaders.CORRELATION_ID, "flow-7"));

        StoredEvent stored = store.all().getFirst();
        assertThat(stored.id()).isEqualTo("c-42-0");
        assertThat(stored.time().toInstant()).isEqualTo(Instant.parse("2024-05-30T13:41:53Z"));
        assertThat(stored.meta()).containsEntry("causation-id", "c-42").containsEntry("correlation-id", "flow-7");
    }

    @Test
    void uses_a_generated_command_id_as_correlation_when_none_is_sent() {
        dispatcher.dispatch(add("a", 3));

        StoredEvent stored = store.all().getFirst();
        assertThat(stored.id()).isEqualTo("cmd1-0");
        assertThat(stored.meta()).containsEntry("causation-id", "cmd1").containsEntry("correlation-id", "cmd1");
    }

    @Test
    void replies_400_with_the_domain_message_on_a_rejection_and_appends_nothing() {
        Reply reply = dispatcher.dispatch(add("a", 101));

        assertThat(reply).isEqualTo(Failure.rejected("counter: limit is 100"));
        assertThat(reply.text()).isEqualTo("counter: limit is 100");
        assertThat(reply.headers()).containsEntry("Nats-Service-Error", "counter: limit is 100")
                .containsEntry("Nats-Service-Error-Code", "400")
                .containsEntry("Rita-Error-Kind", "rejection");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void succeeds_without_appending_when_the_decision_is_empty() {
        dispatcher.dispatch(add("a", 1));

        Reply reply = dispatcher.dispatch(Request.of("counters.a.noop", new byte[0]));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "1");
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void retries_after_a_conflict_and_decides_on_the_new_state() {
        AtomicInteger interference = new AtomicInteger(2);
        store.beforeAppend = subject -> {
            if (interference.getAndDecrement() > 0) {
                store.appendBehindTheBack(subject, new Added(40));
            }
        };

        Reply reply = dispatcher.dispatch(add("a", 15));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(store.conflicts).hasValue(2);
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(40), new Added(40), new Added(15));
    }

    @Test
    void rejects_on_the_retry_when_the_new_state_no_longer_allows_the_command() {
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            store.appendBehindTheBack(subject, new Added(90));
        };

        Reply reply = dispatcher.dispatch(add("a", 15));

        assertThat(reply).isEqualTo(Failure.rejected("counter: limit is 100"));
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(90));
    }

    @Test
    void replies_409_after_max_attempts_of_conflicts() {
        Dispatcher twoAttempts = Dispatcher.of(store, List.of(Counters.ADD),
                DispatchOptions.defaults().withEngine(io.rita.aggregate.EngineOptions.defaults().withMaxAttempts(2)));
        store.beforeAppend = subject -> store.appendBehindTheBack(subject, new Added(1));

        Reply reply = twoAttempts.dispatch(add("a", 1));

        assertThat(reply).isInstanceOf(Failure.class);
        assertThat(((Failure) reply).code()).isEqualTo(409);
        assertThat(reply.text()).contains("counters.a").contains("2 attempts");
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "2"); // where the aggregate was last seen
        assertThat(store.all()).extracting(StoredEvent::data).containsOnly(new Added(1)).hasSize(2);
    }

    @Test
    void appends_at_the_clients_expected_sequence() {
        dispatcher.dispatch(add("a", 1));

        Reply reply = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.EXPECTED_SEQUENCE, "1"));

        assertThat(reply.isSuccess()).isTrue();
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void replies_409_with_the_current_sequence_when_the_clients_expectation_is_stale() {
        dispatcher.dispatch(add("a", 1));
        dispatcher.dispatch(add("a", 1));

        Reply reply = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.EXPECTED_SEQUENCE, "1"));

        assertThat(((Failure) reply).code()).isEqualTo(409);
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "2");
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void does_not_retry_a_conflict_on_a_clients_expected_sequence() {
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            store.appendBehindTheBack(subject, new Added(1));
        };

        Reply reply = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.EXPECTED_SEQUENCE, "0"));

        assertThat(((Failure) reply).code()).isEqualTo(409);
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "1");
        assertThat(store.conflicts).hasValue(1);
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(1));
    }

    @Test
    void keeps_the_error_header_printable_ascii_while_the_body_keeps_the_message() {
        Reply.Failure failure = new Failure(400, "kmm: zu viel \u00fcberwiesen\nzweite Zeile");

        assertThat(failure.headers().get(ServiceHeaders.SERVICE_ERROR)).isEqualTo("kmm: zu viel ?berwiesen zweite Zeile");
        assertThat(failure.text()).isEqualTo("kmm: zu viel \u00fcberwiesen\nzweite Zeile");
    }

    @Test
    void replies_404_unknown_service_operation_for_a_subject_without_route() {
        Reply reply = dispatcher.dispatch(Request.of("counters.a.multiply", new byte[0]));

        assertThat(reply).isEqualTo(new Failure(404, "unknown service operation"));
    }

    @Test
    void replies_500_without_details_when_the_decider_fails_unexpectedly() {
        Dispatcher broken = Dispatcher.of(store, List.of(CommandRoute.of("broken.*", Counters.Add.class,
                (req, command) -> "counters." + req.token(1), io.rita.decider.Decider.<Counters.Add, Added, Integer>of(0,
                        (state, command) -> { throw new NullPointerException("secret detail"); },
                        (state, event) -> state))));

        Reply reply = broken.dispatch(Request.of("broken.x", "{\"n\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(((Failure) reply).code()).isEqualTo(500);
        assertThat(reply.text()).startsWith("internal error (reference ").doesNotContain("secret").doesNotContain("at ");
    }

    @Test
    void answers_stream_routes_with_501_since_they_need_nats() {
        Dispatcher streams = Dispatcher.of(store, List.of(StreamRoute.of("counters.*.watch",
                req -> "counters." + req.token(1), "streams.counters")));

        Reply reply = streams.dispatch(Request.of("counters.a.watch", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(((Failure) reply).code()).isEqualTo(501);
    }
}
