package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.Event;
import io.rita.service.Counters.Add;
import io.rita.service.Counters.Added;
import io.rita.service.Counters.Count;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

/** Once a command's events are stored, the client hears so, whatever fails after the append. */
class StoredCommandReplyTest {

    private final FakeEventStore store = new FakeEventStore();

    @Test
    void replies_success_with_the_sequence_when_the_reply_function_fails_after_the_append() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD.withReply((state, events) -> {
            throw new IllegalStateException("reply broke");
        })));

        Reply reply = dispatcher.dispatch(add("a", 3));

        assertThat(reply).isEqualTo(new Reply.Success(new byte[0], Map.of(ServiceHeaders.SEQUENCE, "1")));
        assertThat(store.all()).extracting(Event::data).containsExactly(new Added(3));
    }

    @Test
    void replies_success_with_the_sequence_when_evolve_fails_after_the_append() {
        Decider<Object, Added, Count> broken = Decider.of(new Count(0), Counters.DECIDER::decide, (state, event) -> {
            throw new IllegalStateException("evolve broke");
        });
        Dispatcher dispatcher = Dispatcher.of(store, List.of(CommandRoute.of("counters.*.add", Add.class,
                req -> "counters." + req.token(1), broken)));

        Reply reply = dispatcher.dispatch(add("a", 3));

        assertThat(reply).isEqualTo(new Reply.Success(new byte[0], Map.of(ServiceHeaders.SEQUENCE, "1")));
        assertThat(store.all()).extracting(Event::data).containsExactly(new Added(3));
    }
}
