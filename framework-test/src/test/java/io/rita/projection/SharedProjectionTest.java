package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.rita.projection.ProjectorTest.until;
import static org.assertj.core.api.Assertions.assertThat;

/** Several processes run one projection: it is applied once, and another takes over when the one applying it goes. */
@Timeout(90)
class SharedProjectionTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String name(TestInfo test) {
        return "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    /** A projector on a connection of its own, as another process would have, counting its function's calls. */
    private record Process(Projector<TallyEvent, Tally> projector, AtomicLong calls, Connection connection) {
        static Process start(String name, String store, ProjectorOptions options) {
            Connection connection = nats.connect();
            AtomicLong calls = new AtomicLong();
            return new Process(Projector.start(Tallies.store(connection, store),
                    Tallies.projection(name, store, calls), options), calls, connection);
        }

        State state() {
            return projector.status().state();
        }
    }

    /** A process applying the projection, live, and a second one standing by; closing closes both. */
    private record HolderAndStandby(Process holder, Process standby) implements AutoCloseable {
        static HolderAndStandby start(String name, String store, ProjectorOptions options) throws Exception {
            Process holder = Process.start(name, store, options);
            Process standby = null;
            try {
                assertThat(holder.projector().awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
                standby = Process.start(name, store, options);
                assertThat(until(standby::state, State.STANDBY::equals)).isEqualTo(State.STANDBY);
                return new HolderAndStandby(holder, standby);
            } catch (Exception | Error e) {
                if (standby != null) {
                    standby.projector().close();
                }
                holder.projector().close();
                throw e;
            }
        }

        @Override
        public void close() {
            standby.projector().close();
            holder.projector().close();
        }
    }

    @Test
    void three_processes_apply_every_event_once_between_them(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 10, 3_000, 1);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(Process.start(name(test), store.name(), ProjectorOptions.defaults()));
        }
        try {
            until(() -> processes.stream().filter(p -> p.state() == State.LIVE).count(), live -> live == 1);
            Tallies.fill(store, 10, 1_000, 3_001);
            until(() -> processes.stream().mapToLong(p -> p.calls().get()).sum(), calls -> calls >= 4_000);
            until(() -> Tallies.stored(processes.getFirst().projector().views()), Tallies.expected(store)::equals);

            assertThat(Tallies.stored(processes.getFirst().projector().views())).isEqualTo(Tallies.expected(store));
            assertThat(processes.stream().mapToLong(p -> p.calls().get()).sum()).as("calls of the function in all")
                    .isEqualTo(4_000);
            assertThat(processes).extracting(Process::state).containsOnlyOnce(State.LIVE)
                    .containsOnly(State.LIVE, State.STANDBY);
        } finally {
            processes.forEach(p -> p.projector().close());
        }
    }

    @Test
    void a_standby_takes_over_at_once_when_the_process_applying_it_closes(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        // a lease far longer than the test: only giving it up on close can hand over in time
        ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofSeconds(60));
        Process first = Process.start(name(test), store.name(), options);
        assertThat(first.projector().awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
        Process second = Process.start(name(test), store.name(), options);
        try {
            assertThat(until(second::state, State.STANDBY::equals)).isEqualTo(State.STANDBY);

            long closed = System.nanoTime();
            first.projector().close();
            assertThat(until(second::state, State.LIVE::equals)).isEqualTo(State.LIVE);
            assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("taken over long before the lease ran out")
                    .isLessThan(Duration.ofSeconds(20));
            store.append(store.name() + ".susie", List.of(Event.of(new Added(7))));

            assertThat(until(() -> second.projector().views().get("susie").orElse(null), new Tally(1, 7)::equals))
                    .isEqualTo(new Tally(1, 7));
            assertThat(first.state()).isEqualTo(State.STOPPED);
        } finally {
            second.projector().close();
        }
    }

    /**
     * A standby looks at the lease four times a second (a quarter of the lease time when that is
     * shorter), so that it takes over at once from a holder that gives it up, also with a long
     * lease; and it waits between looks instead of asking the server over and over. Counted on
     * the wire: the reads of the lease key in 3 s, about 12.
     */
    @Test
    void a_standby_reads_the_lease_four_times_a_second_however_long_the_lease(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofSeconds(60));
        Connection watcher = nats.connect();
        AtomicLong leaseReads = new AtomicLong();
        try (HolderAndStandby both = HolderAndStandby.start(name(test), store.name(), options)) {
            // a plain subscriber gets a copy of each direct get; the server still answers them
            watcher.createDispatcher(message -> {
                if (new String(message.getData(), java.nio.charset.StandardCharsets.UTF_8).contains(ViewKeys.LEASE)) {
                    leaseReads.incrementAndGet();
                }
            }).subscribe("$JS.API.DIRECT.GET.KV_" + both.holder().projector().projection().bucket());
            watcher.flush(Duration.ofSeconds(5));

            Thread.sleep(3_000); // a window to count in; nothing else reads the lease meanwhile
            long reads = leaseReads.get();

            assertThat(reads).as("the standby's reads of the lease in 3 s, one per 250 ms").isBetween(4L, 40L);
            assertThat(both.standby().state()).isEqualTo(State.STANDBY);
        } finally {
            watcher.close();
        }
    }

    /**
     * The process applying it keeps its lease while it is alive, also with a lease shorter than
     * its one-second wait for events: it renews every third of the lease time, so a standby never
     * sees the lease stand still for a whole lease time and never takes over. With 750 ms, one
     * renewal a second would let the standby take over within the first second.
     */
    @Test
    void an_idle_holder_keeps_a_short_lease_for_as_long_as_it_runs(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofMillis(750));
        try (HolderAndStandby both = HolderAndStandby.start(name(test), store.name(), options)) {
            ViewBucket bucket = new ViewBucket(nats.connection(), both.holder().projector().projection().bucket(),
                    PATIENCE);
            Lease.Holder holding = Lease.holderOf(bucket).orElseThrow();

            Thread.sleep(4_000); // over five lease times, idle: nothing but renewals

            Lease.Holder after = Lease.holderOf(bucket).orElseThrow();
            assertThat(after.holder()).as("the same projector holds it").isEqualTo(holding.holder());
            assertThat(after.since()).as("taken once, renewed since").isEqualTo(holding.since());
            assertThat(both.holder().state()).isEqualTo(State.LIVE);
            assertThat(both.standby().state()).isEqualTo(State.STANDBY);
        }
    }

    @Test
    void a_standby_takes_over_when_the_process_applying_it_stops_renewing_its_lease(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        ProjectorOptions options = ProjectorOptions.defaults().withLeaseTime(Duration.ofMillis(1_500));
        Process first = Process.start(name(test), store.name(), options);
        first.projector().awaitLive(PATIENCE);
        Process second = Process.start(name(test), store.name(), options);
        try {
            until(second::state, State.STANDBY::equals);
            first.connection().close(); // as if its process died: the lease is not given up, just not renewed
            Tallies.fill(store, 4, 500, 1);

            assertThat(until(second::state, State.LIVE::equals)).isEqualTo(State.LIVE);
            until(() -> Tallies.stored(second.projector().views()), Tallies.expected(store)::equals);
            assertThat(Tallies.stored(second.projector().views())).isEqualTo(Tallies.expected(store));
        } finally {
            first.projector().close();
            second.projector().close();
        }
    }

    @Test
    void a_stray_pull_from_its_consumer_is_noticed_and_its_event_is_not_lost(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the function holds event 1 until the stray pull is waiting, so that the server hands it event 3
        Projection<TallyEvent, Tally> held = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 1 && release.getCount() > 0) {
                        holding.countDown();
                        ProjectorTest.await(release);
                    }
                    return Tallies.apply(tally, event);
                });
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, held,
                ProjectorOptions.defaults().withBatchSize(1))) {
            projector.awaitLive(PATIENCE);
            store.append(store.name() + ".k", List.of(Event.of(new Added(1))));
            ProjectorTest.await(holding);
            JetStreamSubscription stray = nats.connection().jetStream().subscribe(null,
                    PullSubscribeOptions.bind(store.name(), held.consumer()));
            stray.pullExpiresIn(1, Duration.ofSeconds(20));
            nats.connection().flush(Duration.ofSeconds(5));
            for (long n = 2; n <= 4; n++) {
                store.append(store.name() + ".k", List.of(Event.of(new Added(n))));
            }
            Message taken = stray.nextMessage(Duration.ofSeconds(10));
            assertThat(taken).as("the stray pull got an event").isNotNull();
            assertThat(taken.metaData().streamSequence()).as("one the projector has not seen").isBetween(2L, 4L);
            // one more, so that the projector's next delivery comes after the one the stray pull took
            store.append(store.name() + ".k", List.of(Event.of(new Added(5))));
            release.countDown();

            assertThat(until(() -> projector.views().get("k").orElse(null), new Tally(5, 15)::equals))
                    .as("events 1 to 5, the one the stray pull took included").isEqualTo(new Tally(5, 15));
            stray.unsubscribe();
        }
    }
}
