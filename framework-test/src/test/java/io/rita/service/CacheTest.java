package io.rita.service;

import io.rita.aggregate.EngineOptions;
import io.rita.service.Counters.Added;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

class CacheTest {

    private final Counting store = Counters.store();
    private final Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.VALUE));

    @Test
    void loads_a_cached_aggregate_once_and_then_only_reads_new_events() {
        for (int i = 0; i < 20; i++) {
            store.appendBehindTheBack("counters.a", new Added(1));
        }
        dispatcher.dispatch(add("a", 1));
        store.appendBehindTheBack("counters.a", new Added(1));
        int loadedBefore = store.loadedEvents.get();

        dispatcher.dispatch(add("a", 1));

        assertThat(store.fullLoads).hasValue(1);
        assertThat(store.loadedEvents.get() - loadedBefore).isEqualTo(1);
    }

    @Test
    void a_command_on_a_warm_aggregate_costs_one_round_trip_its_append() {
        dispatcher.dispatch(add("a", 1));
        int before = store.roundTrips();

        dispatcher.dispatch(add("a", 1));
        dispatcher.dispatch(add("a", 1));

        assertThat(store.roundTrips() - before).isEqualTo(2);
        assertThat(store.topUps).hasValue(0);
        assertThat(dispatcher.dispatch(Request.of("counters.a.value", new byte[0])).text()).isEqualTo("{\"value\":3}");
    }

    @Test
    void shares_the_cached_state_between_commands_and_queries_of_one_decider() {
        dispatcher.dispatch(add("a", 7));

        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":7}");
        assertThat(store.fullLoads).hasValue(1);
    }

    @Test
    void loads_in_full_again_when_the_subject_went_back_behind_the_cache() {
        // a store that stays behind what the cache saw is believed after the catch-up timeout
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD, Counters.VALUE), DispatchOptions.defaults()
                .withEngine(EngineOptions.defaults().withCatchUpTimeout(Duration.ofMillis(20))));
        dispatcher.dispatch(add("a", 7));
        store.clear();

        Reply reply = dispatcher.dispatch(Request.of("counters.a.value", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":0}");
        assertThat(store.fullLoads).hasValue(2);
    }

    @Test
    void keeps_working_with_the_cache_turned_off() {
        Dispatcher uncached = Dispatcher.of(store, List.of(Counters.ADD, Counters.VALUE),
                DispatchOptions.defaults().withEngine(EngineOptions.defaults().withCacheSize(0)));
        uncached.dispatch(add("a", 2));
        uncached.dispatch(add("a", 3));

        Reply reply = uncached.dispatch(Request.of("counters.a.value", new byte[0]));

        assertThat(reply.text()).isEqualTo("{\"value\":5}");
        assertThat(store.fullLoads).hasValue(3);
    }
}
