package io.rita.projection;

import io.nats.client.Connection;
import io.rita.aggregate.LogRecords;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.rita.projection.ProjectorTest.until;
import static org.assertj.core.api.Assertions.assertThat;

/** What a projector says of itself ({@link Projector#status()}, {@link Projector#awaitLive}) and how it closes. */
@Timeout(60)
class ProjectorStatusTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String name(TestInfo test) {
        return "st" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    /** A projection of the tallies whose function waits at event {@code n} until {@code release} opens (at most PATIENCE). */
    private static Projection<TallyEvent, Tally> heldAt(String name, String store, long n, CountDownLatch holding,
                                                        CountDownLatch release) {
        return Projection.of(name, store + ".*", TallyEvent.class, Tally.class, (tally, event) -> {
            if (event instanceof Added added && added.n() == n) {
                holding.countDown();
                ProjectorTest.await(release);
            }
            return Tallies.apply(tally, event);
        });
    }

    @Test
    void a_live_projector_is_ready_and_names_this_process_as_the_holder(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.LIVE);
            assertThat(status.ready()).isTrue();
            assertThat(status.holder()).isEqualTo(InetAddress.getLocalHost().getHostName() + " pid "
                    + ProcessHandle.current().pid());
            assertThat(projector.projection()).isSameAs(projection);
        }
    }

    @Test
    void await_live_returns_at_its_deadline_while_it_is_still_catching_up(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                heldAt(name(test), store.name(), 5, holding, release))) {
            ProjectorTest.await(holding);

            long asked = System.nanoTime();
            ProjectionStatus status = projector.awaitLive(Duration.ofMillis(300));
            Duration waited = Duration.ofNanos(System.nanoTime() - asked);

            assertThat(status.state()).isEqualTo(State.CATCHING_UP);
            assertThat(waited).as("it waits out its timeout (polling every 200 ms), not returns at a look")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(status.holder()).as("this process applies it while catching up")
                    .isEqualTo(InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid());
            release.countDown();
        }
    }

    /**
     * A standby never becomes LIVE itself; it counts as live once the version is ready and the
     * process applying it is level with the stream, long before the timeout.
     */
    @Test
    void a_standby_is_live_once_the_version_is_ready_and_level(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Connection other = nats.connect();
        // the second starts once the first holds the lease: started together, either may take it
        try (Projector<TallyEvent, Tally> first = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            assertThat(first.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
            try (Projector<TallyEvent, Tally> second = Projector.start(Tallies.store(other, store.name()),
                    Tallies.projection(name(test), store.name(), new AtomicLong()))) {
                until(() -> second.status().state(), State.STANDBY::equals);

                long start = System.nanoTime();
                ProjectionStatus status = second.awaitLive(PATIENCE);

                assertThat(status).isNotNull();
                assertThat(status.state()).isEqualTo(State.STANDBY);
                assertThat(status.ready()).isTrue();
                assertThat(status.behind()).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not left to the timeout")
                        .isLessThan(PATIENCE.dividedBy(2));
            }
        } finally {
            other.close();
        }
    }

    /**
     * A standby reads what it reports from the bucket; when the bucket does not answer, it says so
     * (after the store's timeout, twice at most), and that the rest is unknown: not that the
     * projection is stopped or behind by nothing.
     */
    @Test
    void a_standby_whose_bucket_does_not_answer_says_so_and_that_the_rest_is_unknown(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Connection other = nats.connect();
        Duration timeout = Duration.ofSeconds(1);
        try (Projector<TallyEvent, Tally> first = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            assertThat(first.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
            JetStreamEventStore impatient = Rita.of(other, store.options().withTimeout(timeout)).eventStore(store.name());
            try (Projector<TallyEvent, Tally> second = Projector.start(impatient,
                    Tallies.projection(name(test), store.name(), new AtomicLong()))) {
                until(() -> second.status().state(), State.STANDBY::equals);
                assertThat(second.status().ready()).isTrue();

                ProjectionStatus status;
                long asked;
                nats.server().pause();
                try {
                    asked = System.nanoTime();
                    status = second.status();
                } finally {
                    nats.server().resume();
                }

                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isBetween(timeout.minusMillis(100),
                        timeout.multipliedBy(2).plusMillis(1_400));
                assertThat(status.state()).isEqualTo(State.STANDBY);
                assertThat(status.behind()).isEqualTo(-1);
                assertThat(status.ready()).isFalse();
                assertThat(status.lastApplied()).isNull();
                assertThat(status.holder()).isNull();
                assertThat(status.failure()).contains("the views of projection " + name(test) + " v1 cannot be read: ",
                        "no reply to $JS.API.DIRECT.GET.KV_", "within 1000 ms");
                assertThat(status.healthy()).isTrue();
            }
        } finally {
            other.close();
        }
    }

    @Test
    void behind_is_unknown_when_the_store_cannot_be_reached(TestInfo test) throws Exception {
        Connection own = nats.connect();
        JetStreamEventStore store = Tallies.store(own, name(test));
        Tallies.fill(store, 2, 10, 1);
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            assertThat(projector.awaitLive(PATIENCE).behind()).isZero();

            own.close();

            assertThat(projector.status().behind()).isEqualTo(-1);
        }
    }

    /** A round that does not end within close's first wait is interrupted, and close waits for the thread to end. */
    @Test
    void close_interrupts_a_round_that_does_not_end_and_waits_for_the_thread(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Projector<TallyEvent, Tally> projector = Projector.start(store,
                heldAt(name(test), store.name(), 5, holding, never));
        ProjectorTest.await(holding);

        projector.close();

        assertThat(projector.status().state()).isEqualTo(State.STOPPED);
    }

    /**
     * An idle projector waits for events up to a second at a time; close wakes that wait instead
     * of waiting it out, and gives the lease up. Ten closes: waited out, they would take about
     * half a second each.
     */
    @Test
    void close_of_an_idle_projector_wakes_its_wait_for_events(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        List<Projector<TallyEvent, Tally>> projectors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            projectors.add(Projector.start(store, Tallies.projection(name(test) + i, store.name(), new AtomicLong())));
        }
        for (Projector<TallyEvent, Tally> projector : projectors) {
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
        }

        long started = System.nanoTime();
        projectors.forEach(Projector::close);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        for (Projector<TallyEvent, Tally> projector : projectors) {
            assertThat(projector.status().state()).isEqualTo(State.STOPPED);
            ViewBucket bucket = new ViewBucket(nats.connection(), projector.projection().bucket(), PATIENCE);
            assertThat(Lease.holderOf(bucket)).as("the lease, given up").isEmpty();
        }
    }

    @Test
    void close_keeps_the_interrupt_of_the_thread_that_closes(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()));
        try {
            projector.awaitLive(PATIENCE);
            Thread.currentThread().interrupt();

            projector.close();

            assertThat(Thread.interrupted()).isTrue();
        } finally {
            projector.close();
        }
    }

    /**
     * A projector's writes of its views wait for nats-server as long as its store's
     * {@code RitaOptions.timeout()}, not the connection's timeout: on a paused server, a round's
     * writes fail after 1 s, the projector says why and tries again, and once the server answers
     * the views are complete.
     */
    @Test
    void a_round_whose_writes_get_no_answer_fails_after_the_stores_timeout_and_is_done_again(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 3, 100, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Projection<TallyEvent, Tally> held = heldAt(name(test), store.name(), 51, holding, release);
        // the connection waits 5 s for a request; the store, 1 s
        Connection connection = nats.connect(options -> options.connectionTimeout(Duration.ofSeconds(5)));
        JetStreamEventStore impatient = Rita.of(connection, store.options().withTimeout(Duration.ofSeconds(1)))
                .eventStore(store.name());
        try (LogRecords log = LogRecords.of(ProjectionLoop.class.getName());
             Projector<TallyEvent, Tally> projector = Projector.start(impatient, held,
                     ProjectorOptions.defaults().withBatchSize(10))) {
            ProjectorTest.await(holding);
            long released;
            String warning;
            nats.server().pause();
            try {
                released = System.nanoTime();
                release.countDown(); // the round goes on to write its views
                warning = until(() -> log.messages().stream().filter(line -> line.contains("trying again"))
                        .findFirst().orElse(null), line -> line != null);
            } finally {
                nats.server().resume();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - released);
            assertThat(warning).contains("no reply within 1000 ms");
            assertThat(took).as("from the round's writes to the warning").isBetween(Duration.ofSeconds(1),
                    Duration.ofMillis(3_500));

            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store));
        } finally {
            connection.close();
        }
    }
}
