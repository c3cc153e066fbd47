package io.rita.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

/** What the dispatcher does with a request's trace context, with and without a {@link CommandTracing}. */
class TracingTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final Counting store = Counters.store();

    private String storedTraceparent() {
        return store.all().getLast().meta().get(ServiceHeaders.TRACEPARENT_META);
    }

    @Test
    void without_tracing_stores_the_requests_trace_context_as_it_came_and_ignores_a_malformed_one() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD));

        dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.TRACEPARENT, TRACEPARENT));
        assertThat(storedTraceparent()).isEqualTo(TRACEPARENT);

        assertThat(dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.TRACEPARENT, "00-nonsense")).isSuccess())
                .isTrue();
        assertThat(storedTraceparent()).isNull();
    }

    @Test
    void stores_the_traces_own_context_and_ends_the_trace_with_the_result() {
        List<String> ended = new ArrayList<>();
        String own = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01";
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD), DispatchOptions.defaults()
                .withTracing((route, request) -> new CommandTracing.Trace() {
                    @Override
                    public String traceparent() {
                        return own;
                    }

                    @Override
                    public void end(String result, long sequence) {
                        ended.add(route + " " + result + " " + sequence);
                    }
                }));

        dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.TRACEPARENT, TRACEPARENT));
        dispatcher.dispatch(add("a", 1000));
        dispatcher.dispatch(add("a", 1).withHeader(ServiceHeaders.COMMAND_ID, "bad id"));

        assertThat(storedTraceparent()).isEqualTo(own);
        assertThat(ended).containsExactly("add accepted 1", "add rejected -1", "add bad-request -1");
    }

    @Test
    void a_tracing_that_throws_never_fails_a_command() {
        Dispatcher startFails = Dispatcher.of(store, List.of(Counters.ADD), DispatchOptions.defaults()
                .withTracing((route, request) -> {
                    throw new IllegalStateException("tracer broke");
                }));
        Dispatcher endFails = Dispatcher.of(store, List.of(Counters.ADD), DispatchOptions.defaults()
                .withTracing((route, request) -> new CommandTracing.Trace() {
                    @Override
                    public String traceparent() {
                        return null;
                    }

                    @Override
                    public void end(String result, long sequence) {
                        throw new IllegalStateException("exporter broke");
                    }
                }));

        assertThat(startFails.dispatch(add("a", 1)).isSuccess()).isTrue();
        assertThat(endFails.dispatch(add("a", 1)).isSuccess()).isTrue();
        assertThat(store.all()).hasSize(2);
    }
}
