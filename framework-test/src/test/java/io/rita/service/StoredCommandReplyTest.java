package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.StoredEvent;
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

    private final Counting store = Counters.store();

    @Test
    void replies_success_with_the_sequence_when_the_reply_function_fails_after_the_append() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD.withReply((state, events) -> {
            throw new IllegalStateException("reply broke");
        })));

        Reply reply = dispatcher.dispatch(add("a", 3));

        assertThat(reply).isEqualTo(new Reply.Success(new byte[0], Map.of(ServiceHeaders.SEQUENCE, "1")));
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Added(3));
    }

    // evolve runs before the append (the next command of a group is decided on its result), so a
    // command whose events cannot be applied is refused as a fault, and nothing of it is stored
    @Test
    void stores_nothing_and_replies_500_when_evolve_cannot_apply_the_decided_events() {
        Decider<Object, Added, Count> broken = Decider.of(new Count(0), Counters.DECIDER::decide, (state, event) -> {
            throw new IllegalStateException("evolve broke");
        });
        Dispatcher dispatcher = Dispatcher.of(store, List.of(CommandRoute.of("counters.*.add", Add.class,
                (req, command) -> "counters." + req.token(1), broken)));

        Reply reply = dispatcher.dispatch(add("a", 3));

        assertThat(((Reply.Failure) reply).code()).isEqualTo(500);
        assertThat(reply.text()).startsWith("internal error (reference ").doesNotContain("evolve broke");
        assertThat(store.all()).isEmpty();
    }
}
