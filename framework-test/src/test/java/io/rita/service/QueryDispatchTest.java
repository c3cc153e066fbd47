package io.rita.service;

import io.rita.decider.Rejection;
import io.rita.service.Counters.Added;
import io.rita.service.Reply.Failure;
import org.junit.jupiter.api.Test;

import io.rita.aggregate.EngineOptions;

import java.time.Duration;
import java.util.List;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

class QueryDispatchTest {

    private final Counting store = Counters.store();
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.VALUE, Counters.TOTAL,
            QueryRoute.of("counters.*.must-be-positive", req -> "counters." + req.token(1), Counters.DECIDER,
                    (state, req) -> {
                        if (state.value() == 0) {
                            throw new Rejection("counter: still zero");
                        }
                        return "positive".getBytes();
                    })));

    @Test
    void answers_with_the_folded_state_as_json_and_its_sequence() {
        dispatcher.dispatch(add("a", 2));
        dispatcher.dispatch(add("a", 3));

        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":5}");
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "2");
    }

    @Test
    void folds_a_wildcard_set_of_subjects() {
        dispatcher.dispatch(add("a", 2));
        dispatcher.dispatch(add("b", 3));
        dispatcher.dispatch(Request.of("counters.all.total", new byte[0]));
        store.appendBehindTheBack("counters.c", new Added(4));

        Reply reply = dispatcher.dispatch(Request.of("counters.all.total", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":9}");
    }

    @Test
    void answers_an_unknown_aggregate_from_the_initial_state() {
        Reply reply = dispatcher.dispatch(Request.of("counters.nobody.value", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":0}");
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, "0");
    }

    @Test
    void replies_400_when_the_result_function_rejects() {
        Reply reply = dispatcher.dispatch(Request.of("counters.a.must-be-positive", new byte[0]));

        assertThat(reply).isEqualTo(Failure.rejected("counter: still zero"));
    }

    @Test
    void sends_a_byte_array_result_as_is() {
        dispatcher.dispatch(add("a", 2));

        Reply reply = dispatcher.dispatch(Request.of("counters.a.must-be-positive", new byte[0]));

        assertThat(reply.text()).isEqualTo("positive");
    }

    @Test
    void with_a_minimum_sequence_answers_from_a_state_that_includes_it() {
        dispatcher.dispatch(add("a", 2));
        String written = dispatcher.dispatch(add("a", 3)).headers().get(ServiceHeaders.SEQUENCE);

        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0])
                .withHeader(ServiceHeaders.MIN_SEQUENCE, written));

        assertThat(reply.text()).isEqualTo("{\"value\":5}");
        assertThat(reply.headers()).containsEntry(ServiceHeaders.SEQUENCE, written);
    }

    @Test
    void replies_503_rather_than_an_older_state_when_the_store_does_not_catch_up_with_the_minimum() {
        LaggingCopy copy = new LaggingCopy(store);
        Dispatcher behind = Dispatcher.of(copy, List.of(Counters.ADD, Counters.VALUE), DispatchOptions.defaults()
                .withEngine(EngineOptions.defaults().withCatchUpTimeout(Duration.ofMillis(50))));
        dispatcher.dispatch(add("a", 2));
        copy.freeze(-1);
        String written = dispatcher.dispatch(add("a", 3)).headers().get(ServiceHeaders.SEQUENCE);

        Reply reply = behind.dispatch(Request.of("counters.a.value", new byte[0])
                .withHeader(ServiceHeaders.MIN_SEQUENCE, written));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.UNAVAILABLE);
            assertThat(failure.message()).contains("has not caught up with sequence " + written)
                    .contains("try again in a moment");
        });
    }

    @Test
    void replies_400_to_a_minimum_sequence_that_is_not_a_number() {
        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0])
                .withHeader(ServiceHeaders.MIN_SEQUENCE, "latest"));

        assertThat(reply).isInstanceOfSatisfying(Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(Failure.BAD_REQUEST);
            assertThat(failure.message()).contains(ServiceHeaders.MIN_SEQUENCE + " must be a sequence number >= 0");
        });
    }
}
