package io.rita.service;

import io.rita.service.Counters.Add;
import io.rita.service.Counters.Count;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Route}'s factories, the only way users build single routes: names, renames and refusals. */
class RouteTest {

    private static final byte[] ADD_TWO = "{\"n\":2}".getBytes(StandardCharsets.UTF_8);

    @Test
    void each_factory_names_its_endpoint_after_the_patterns_last_literal_token() {
        List<Route> routes = List.of(
                Route.command("counters.*.add", Add.class, (req, add) -> "counters." + req.token(1), Counters.DECIDER),
                Route.query("counters.*.value", req -> "counters." + req.token(1), Counters.DECIDER,
                        (state, req) -> state),
                Route.stream("counters.*.watch.>", req -> "counters." + req.token(1), "counters.streams"),
                Route.stream("counters.*.tail", req -> "counters." + req.token(1), "counters.tails",
                        Duration.ofSeconds(1), 3));

        assertThat(routes).extracting(Route::name).containsExactly("add", "value", "watch", "tail");
        assertThat(routes).extracting(Route::pattern)
                .containsExactly("counters.*.add", "counters.*.value", "counters.*.watch.>", "counters.*.tail");
    }

    /** The NATS service API takes no endpoint without a name, so a pattern of wildcards alone gets one. */
    @Test
    void a_pattern_of_wildcards_alone_names_its_endpoint_route() {
        List<Route> routes = List.of(
                Route.query("*.>", req -> "counters." + req.token(0), Counters.DECIDER, (state, req) -> state),
                Route.stream("*.*", req -> "counters." + req.token(0), "counters.streams"));

        assertThat(routes).extracting(Route::name).containsExactly("route", "route");
    }

    @Test
    void a_renamed_route_keeps_its_pattern_and_serves_as_before() {
        Counting store = Counters.store();
        Route add = Route.command("counters.*.add", Add.class, (req, command) -> "counters." + req.token(1),
                Counters.DECIDER).withName("plus");
        Route value = Route.query("counters.*.value", req -> "counters." + req.token(1), Counters.DECIDER,
                (Count state, Request req) -> state.value()).withName("now");
        Dispatcher dispatcher = Dispatcher.of(store, List.of(add, value));

        assertThat(dispatcher.dispatch(Request.of("counters.a.add", ADD_TWO)).isSuccess()).isTrue();
        assertThat(dispatcher.dispatch(Request.of("counters.a.value", new byte[0])).text()).isEqualTo("2");
        assertThat(List.of(add, value)).extracting(Route::name).containsExactly("plus", "now");
        assertThat(List.of(add, value)).extracting(Route::pattern).containsExactly("counters.*.add", "counters.*.value");
        assertThatThrownBy(() -> add.withName(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_command_route_can_take_its_aggregate_from_the_request_alone() {
        Counting store = Counters.store();
        java.util.function.Function<Request, String> counter = req -> "counters." + req.token(1);
        Dispatcher dispatcher = Dispatcher.of(store, List.of(
                Route.command("counters.*.add", Add.class, counter, Counters.DECIDER),
                Route.query("counters.*.value", counter, Counters.DECIDER, (Count state, Request req) -> state.value())));

        assertThat(dispatcher.dispatch(Request.of("counters.b.add", ADD_TWO)).isSuccess()).isTrue();
        assertThat(dispatcher.dispatch(Request.of("counters.b.value", new byte[0])).text()).isEqualTo("2");
        assertThat(store.load("counters.b").events()).hasSize(1);
    }

    @Test
    void the_stream_factory_keeps_its_limits_and_refuses_ones_that_are_not_positive() {
        Route tail = Route.stream("counters.*.tail", req -> "counters." + req.token(1), "counters.tails",
                Duration.ofSeconds(2), 3).withName("follow");

        assertThat(tail).isInstanceOfSatisfying(StreamRoute.class, stream -> {
            assertThat(stream.inactiveAfter()).isEqualTo(Duration.ofSeconds(2));
            assertThat(stream.maxStreams()).isEqualTo(3);
            assertThat(stream.deliverPrefix()).isEqualTo("counters.tails");
            assertThat(stream.name()).isEqualTo("follow");
        });
        assertThatThrownBy(() -> Route.stream("counters.*.tail", req -> "counters.a", "counters.tails",
                Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inactiveAfter must be positive, was PT0S");
        assertThatThrownBy(() -> Route.stream("counters.*.tail", req -> "counters.a", "counters.tails",
                Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxStreams must be >= 1, was 0");
    }

    /** A limit that is not positive includes a negative one and none at all: both are refused, not served. */
    @Test
    void the_stream_factory_refuses_a_negative_or_missing_inactivity_limit() {
        assertThatThrownBy(() -> Route.stream("counters.*.tail", req -> "counters.a", "counters.tails",
                Duration.ofSeconds(-1), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inactiveAfter must be positive, was PT-1S");
        assertThatThrownBy(() -> Route.stream("counters.*.tail", req -> "counters.a", "counters.tails",
                null, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inactiveAfter must be positive, was null");
    }

    @Test
    void every_kind_of_route_refuses_a_null_name() {
        Route value = Route.query("counters.*.value", req -> "counters." + req.token(1), Counters.DECIDER,
                (state, req) -> state);
        Route watch = Route.stream("counters.*.watch", req -> "counters." + req.token(1), "counters.streams");

        assertThatThrownBy(() -> value.withName(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> watch.withName(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void every_factory_refuses_a_pattern_that_is_not_a_subject_filter() {
        assertThatThrownBy(() -> Route.command("counters..add", Add.class, (req, add) -> "counters.a",
                Counters.DECIDER)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a route pattern");
        assertThatThrownBy(() -> Route.query("counters.*.>.value", req -> "counters.a", Counters.DECIDER,
                (state, req) -> state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a route pattern");
        assertThatThrownBy(() -> Route.stream("counters. .watch", req -> "counters.a", "counters.streams"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a route pattern");
    }

    @Test
    void a_missing_pattern_or_command_type_is_refused_when_the_route_is_made() {
        String noPattern = "a route pattern needs a valid subject or filter";
        assertThatThrownBy(() -> Route.command(null, Add.class, (req, add) -> "counters.a", Counters.DECIDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(noPattern);
        assertThatThrownBy(() -> Route.query(null, req -> "counters.a", Counters.DECIDER, (state, req) -> state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(noPattern);
        assertThatThrownBy(() -> Route.stream(null, req -> "counters.a", "counters.streams"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(noPattern);
        assertThatThrownBy(() -> Route.projection(null, null, (views, req) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(noPattern);
        // not a route that answers every request 400 "Unrecognized Type: [null]", blaming the caller
        assertThatThrownBy(() -> Route.command("counters.*.add", null, (req, add) -> "counters.a", Counters.DECIDER))
                .isInstanceOf(NullPointerException.class).hasMessage("commandType");
        assertThatThrownBy(() -> CommandRoutes.of("counters.*", null, req -> "counters.a", Counters.DECIDER))
                .isInstanceOf(NullPointerException.class).hasMessage("commands");
    }
}
