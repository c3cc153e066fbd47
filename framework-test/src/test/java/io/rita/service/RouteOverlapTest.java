package io.rita.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routes that a request could not be told apart by are refused when the dispatcher is built. */
class RouteOverlapTest {

    private final Counting store = Counters.store();

    private static StreamRoute watch(String pattern, String prefix) {
        return StreamRoute.of(pattern, req -> "counters." + req.token(1), prefix);
    }

    @Test
    void refuses_two_routes_whose_patterns_match_a_common_subject() {
        QueryRoute<Counters.Added, Counters.Count> anyOfA = QueryRoute.of("counters.a.*", req -> "counters.a",
                Counters.DECIDER, (state, req) -> state).withName("any");

        assertThatThrownBy(() -> Dispatcher.of(store, List.of(Counters.ADD, anyOfA)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routes 'add' (counters.*.add) and 'any' (counters.a.*) overlap: counters.a.add matches "
                        + "both; make their patterns disjoint");
    }

    @Test
    void refuses_two_routes_with_the_same_pattern() {
        assertThatThrownBy(() -> Dispatcher.of(store, List.of(Counters.ADD, Counters.ADD.withName("again"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap: counters.x.add matches both");
    }

    @Test
    void refuses_a_stream_route_that_delivers_into_a_route_pattern() {
        StreamRoute intoRequests = watch("counters.*.watch", "counters.deliveries");

        assertThatThrownBy(() -> Dispatcher.of(store, List.of(Counters.ADD, intoRequests)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream route 'watch' delivers to counters.deliveries.<id>, which route 'add' "
                        + "(counters.*.add) also serves (e.g. counters.deliveries.add); pick a delivery prefix "
                        + "outside every request pattern");
    }

    @Test
    void refuses_a_stream_route_that_delivers_into_its_own_pattern() {
        assertThatThrownBy(() -> Dispatcher.of(store, List.of(watch("counters.*.watch", "counters.streams"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which route 'watch' (counters.*.watch) also serves (e.g. counters.streams.watch)");
    }

    @Test
    void refuses_a_fallback_that_takes_in_a_stream_routes_deliveries() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, watch("counters.*.watch", "streams.counters")));

        assertThatThrownBy(() -> dispatcher.refuseDeliveriesInto("streams.>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which the fallback (streams.>) also serves (e.g. streams.counters.x)");
    }

    @Test
    void accepts_routes_and_deliveries_on_disjoint_subjects() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.NOOP, Counters.VALUE,
                Counters.TOTAL, watch("counters.*.watch", "streams.counters")));

        dispatcher.refuseDeliveriesInto("counters.>");

        assertThat(dispatcher.routes()).hasSize(5);
    }
}
