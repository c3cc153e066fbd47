package io.rita.service;

import io.rita.aggregate.CommandReport;
import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.Snapshot;
import io.rita.test.memory.InMemorySnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.rita.service.CommandDispatchTest.add;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dispatcher does for its operator besides serving requests: hands every command's report
 * to the observer configured, drops its caches, and snapshots what it holds at a stop.
 */
@Timeout(30)
class DispatcherOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Counting store = Counters.store();

    @Test
    void hands_each_commands_report_to_the_observer_configured_naming_its_route() {
        List<CommandReport> reports = new CopyOnWriteArrayList<>();
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD),
                DispatchOptions.defaults().withEngine(EngineOptions.defaults().withObserver(reports::add)));

        dispatcher.dispatch(add("a", 1));
        dispatcher.dispatch(add("a", 200)); // over the limit

        assertThat(reports).extracting(CommandReport::origin, CommandReport::subject, CommandReport::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("add", "counters.a", CommandReport.Result.ACCEPTED),
                        org.assertj.core.groups.Tuple.tuple("add", "counters.a", CommandReport.Result.REJECTED));
    }

    @Test
    void after_clear_cache_the_next_command_loads_its_aggregate_in_full() {
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD));
        dispatcher.dispatch(add("a", 1));
        dispatcher.dispatch(add("a", 1));
        assertThat(store.fullLoads).hasValue(1);

        dispatcher.clearCache();
        dispatcher.dispatch(add("a", 1));

        assertThat(store.fullLoads).hasValue(2);
        assertThat(store.all()).hasSize(3);
    }

    @Test
    void snapshot_cached_stores_a_snapshot_of_each_cached_aggregate_and_says_whether_it_did_in_time()
            throws Exception {
        InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
        Dispatcher dispatcher = Dispatcher.of(store, List.of(Counters.ADD), DispatchOptions.defaults()
                .withEngine(EngineOptions.defaults().withSnapshots(Snapshots.in(snapshots).withEvery(1_000)
                        .withStateType(Counters.Count.class))));
        dispatcher.dispatch(add("a", 2));
        dispatcher.dispatch(add("b", 3));
        assertThat(snapshots.writes()).isZero(); // far from every 1,000 events

        assertThat(dispatcher.snapshotCached(WAIT)).isTrue();
        assertThat(snapshots.read("counters.a")).map(Snapshot::sequence).contains(1L);
        assertThat(snapshots.read("counters.b")).map(Snapshot::sequence).contains(2L);

        StuckSnapshots stuck = new StuckSnapshots();
        Dispatcher stalled = Dispatcher.of(Counters.store(), List.of(Counters.ADD), DispatchOptions.defaults()
                .withEngine(EngineOptions.defaults().withSnapshots(Snapshots.in(stuck).withEvery(1_000)
                        .withStateType(Counters.Count.class))));
        stalled.dispatch(add("a", 2));
        try {
            assertThat(stalled.snapshotCached(Duration.ofMillis(200))).isFalse();
        } finally {
            stuck.release();
        }
    }
}
