package io.rita.service;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.eventstore.UnknownTypes;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that does not answer for now (a cluster electing a new stream leader, nats-server
 * restarting) is a 503 that tells the client what to do: send the command again with the same
 * command id, or the query again.
 */
class StoreUnavailableTest {

    private volatile boolean down;
    /** The next append is stored, and its answer lost on the way back. */
    private volatile boolean answerLost;
    private final Counting store = new Counting(Counters.store().store) {
        @Override
        public AppendResult append(String subject, List<Event> events, Expected expected) {
            if (down) {
                throw new StoreUnavailableException(subject, "cannot append to " + subject + ": no reply", null);
            }
            AppendResult stored = super.append(subject, events, expected);
            if (answerLost) {
                answerLost = false;
                throw new StoreUnavailableException(subject, "cannot append to " + subject + ": no reply", null);
            }
            return stored;
        }

        @Override
        public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
            if (down) {
                throw new StoreUnavailableException(subject, "cannot load " + subject + ": no reply", null);
            }
            return super.load(subject, afterSequence, unknown);
        }
    };
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.VALUE));

    @Test
    void a_command_gets_a_503_that_says_to_send_it_again_with_the_same_command_id() {
        down = true;

        Reply reply = dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, "c-1"));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.UNAVAILABLE);
            assertThat(failure.message()).isEqualTo("the event store is unavailable for now (cannot load counters.a:"
                    + " no reply): the command may or may not be stored; send it again with the same "
                    + ServiceHeaders.COMMAND_ID + " and it counts once");
        });
    }

    @Test
    void the_command_sent_again_once_the_store_answers_is_stored_once() {
        dispatcher.dispatch(add("a", 1));
        down = true;
        assertThat(dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "c-2")).isSuccess()).isFalse();
        down = false;

        Reply again = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "c-2"));
        Reply twice = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "c-2"));

        assertThat(again.isSuccess()).isTrue();
        assertThat(twice.headers()).containsEntry(ServiceHeaders.SEQUENCE, again.headers().get(ServiceHeaders.SEQUENCE));
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void a_command_stored_whose_answer_was_lost_and_sent_again_is_stored_once_at_its_first_sequence() {
        dispatcher.dispatch(add("a", 1));
        answerLost = true;
        Reply lost = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "c-3"));
        assertThat(lost).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.UNAVAILABLE);
            assertThat(failure.message()).contains("may or may not be stored");
        });
        assertThat(store.all()).hasSize(2); // it was

        Reply again = dispatcher.dispatch(add("a", 2).withHeader(ServiceHeaders.COMMAND_ID, "c-3"));

        assertThat(again.isSuccess()).isTrue();
        assertThat(again.headers()).containsEntry(ServiceHeaders.SEQUENCE, "2");
        assertThat(store.all()).hasSize(2);
        assertThat(new String(((Reply.Success) dispatcher.dispatch(Request.of("counters.a.value", new byte[0])))
                .body())).isEqualTo("{\"value\":3}");
    }

    @Test
    void a_query_gets_a_503_that_says_to_try_again() {
        down = true;

        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0]));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.UNAVAILABLE);
            assertThat(failure.message()).endsWith(": try again in a moment");
        });
    }
}
