package io.rita.service;

import io.nats.client.NUID;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counters.Added;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Counting store = Counters.store(clock, NUID::nextGlobal);
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD));

    /** As if JetStream's duplicate window had passed: only Rita's own records can recognise a resend now. */
    private void pastTheDuplicateWindow() {
        clock.advance(Duration.ofMinutes(3));
    }

    @Test
    void stores_a_resent_command_once_and_replies_as_the_first_time() {
        Request request = add("a", 5).withHeader(ServiceHeaders.COMMAND_ID, "once");

        Reply first = dispatcher.dispatch(request);
        pastTheDuplicateWindow();
        Reply second = dispatcher.dispatch(request);

        assertThat(second).isEqualTo(first);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void stores_a_resent_command_once_after_the_cache_was_cleared() {
        Request request = add("a", 5).withHeader(ServiceHeaders.COMMAND_ID, "once");
        Reply first = dispatcher.dispatch(request);
        dispatcher.dispatch(add("a", 1));

        dispatcher.clearCache();
        pastTheDuplicateWindow();
        Reply second = dispatcher.dispatch(request);

        assertThat(second).isEqualTo(first);
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(5), new Added(1));
    }

    @Test
    void recognises_a_command_stored_by_another_process() {
        Request request = add("a", 5).withHeader(ServiceHeaders.COMMAND_ID, "elsewhere");
        Dispatcher other = Dispatcher.of(store, List.of(Counters.ADD));
        dispatcher.dispatch(add("a", 1));

        other.dispatch(request);
        pastTheDuplicateWindow();
        Reply resent = dispatcher.dispatch(request);

        assertThat(resent.isSuccess()).isTrue();
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(1), new Added(5));
    }

    @Test
    void recognises_a_command_stored_by_another_process_between_load_and_append() {
        Request request = add("a", 5).withHeader(ServiceHeaders.COMMAND_ID, "racing");
        Dispatcher other = Dispatcher.of(store, List.of(Counters.ADD));
        dispatcher.dispatch(add("a", 1));
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            other.dispatch(request.withHeader(ServiceHeaders.COMMAND_ID, "racing-too"));
            other.dispatch(request);
            pastTheDuplicateWindow();
        };

        Reply resent = dispatcher.dispatch(request);

        assertThat(resent.isSuccess()).isTrue();
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(1), new Added(5), new Added(5));
        assertThat(dispatcher.dispatch(Request.of("counters.a.add", "{\"n\":95}".getBytes())).text())
                .isEqualTo("counter: limit is 100");
    }

    @Test
    void replies_to_a_resent_command_from_the_events_it_stored() {
        Request request = add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "told");
        Dispatcher telling = Dispatcher.of(store, List.of(Counters.ADD.withReply((state, events) -> events)));

        Reply first = telling.dispatch(request);
        telling.dispatch(add("a", 3));
        telling.clearCache();
        pastTheDuplicateWindow();
        Reply second = telling.dispatch(request);

        assertThat(first.text()).isEqualTo("[{\"n\":2}]");
        assertThat(second.text()).isEqualTo("[{\"n\":2}]");
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(2), new Added(3));
    }

    @Test
    void refuses_a_command_id_already_used_on_another_aggregate() {
        dispatcher.dispatch(add("a", 5).withHeader(ServiceHeaders.COMMAND_ID, "reused"));

        Reply reply = dispatcher.dispatch(add("b", 1).withHeader(ServiceHeaders.COMMAND_ID, "reused"));

        assertThat(reply).isEqualTo(Failure.badRequest("command id reused was already used on counters.a; nothing was "
                + "stored on counters.b: send every command with its own id"));
        assertThat(store.all()).extracting(StoredEvent::subject).containsExactly("counters.a");
    }
}
