package io.rita.projection;

import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.rita.projection.ProjectorTest.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link Views} read by a process that does not project: its status, and which version answers. */
@Timeout(90)
class ViewsTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String name(TestInfo test) {
        return "v" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    @Test
    void status_shows_what_the_bucket_says_of_the_process_applying_it(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 3, 200, 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Projection<TallyEvent, Tally> held = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Tallies.Added added && added.n() == 51) {
                        holding.countDown();
                        ProjectorTest.await(release);
                    }
                    return Tallies.apply(tally, event);
                });
        Views<Tally> views = Views.of(store, held);
        long asked = System.nanoTime();
        ProjectionStatus none = views.status();
        // nats-server 2.9 leaves a read of a missing bucket unanswered for the read's whole 5 s
        // timeout; the bucket's info says "not found" at once, and is asked first
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("no wait for a read timeout")
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(none.state()).as("no bucket yet").isEqualTo(State.STOPPED);
        assertThat(none.ready()).isFalse();
        assertThat(none.holder()).isNull();
        // a short lease, renewed every half second, carries the holder's progress to the bucket
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, held,
                ProjectorOptions.defaults().withBatchSize(10).withLeaseTime(Duration.ofMillis(1_500)))) {
            ProjectorTest.await(holding);
            long applied = projector.status().lastSequence();
            // the server counts a round as behind until it has taken its acknowledgement: wait for the two to agree
            ProjectionStatus building = until(views::status, s -> s.behind() == 200 - applied);

            assertThat(building.state()).isEqualTo(State.CATCHING_UP);
            assertThat(building.ready()).isFalse();
            assertThat(building.behind()).as("the events after the last applied one, the round in hand included")
                    .isEqualTo(200 - applied);

            release.countDown();
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
            ProjectionStatus live = until(views::status, s -> s.lastSequence() == 200);

            assertThat(live.state()).isEqualTo(State.LIVE);
            assertThat(live.ready()).isTrue();
            assertThat(live.behind()).isZero();
            assertThat(live.lastSequence()).isEqualTo(200);
            assertThat(live.lastApplied()).isNotNull();
            assertThat(live.holder()).isEqualTo(projector.status().holder()).isNotNull();
            assertThat(live.failure()).isNull();
        }
        ProjectionStatus closed = views.status();
        assertThat(closed.state()).as("the lease given up").isEqualTo(State.STOPPED);
        assertThat(closed.holder()).isNull();
        assertThat(closed.ready()).isTrue();
    }

    /** The choice of a version is looked at again even after a while without reads. */
    @Test
    void readers_switch_to_a_version_that_became_ready_after_their_choice_went_stale(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 20, 1);
        Projection<TallyEvent, Tally> v1 = Tallies.projection(name(test), store.name(), new AtomicLong());
        Projection<TallyEvent, Tally> v2 = v1.withVersion(2);
        try (Projector<TallyEvent, Tally> one = Projector.start(store, v1)) {
            one.awaitLive(PATIENCE);
        }
        Views<Tally> readers = Views.of(store, v2);
        assertThat(readers.version()).isEqualTo(1);
        Thread.sleep(1_500); // longer than the choice is kept

        try (Projector<TallyEvent, Tally> two = Projector.start(store, v2)) {
            assertThat(two.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);

            assertThat(until(readers::version, version -> version == 2)).isEqualTo(2);
        }
    }

    /**
     * A read that finds the chosen bucket gone chooses again, once. The bucket is removed right
     * after the choice, well within the second it is kept (were it slower, the read would choose
     * again anyway and the retry would go untested, not fail).
     */
    @Test
    void a_read_from_a_bucket_removed_since_the_choice_is_answered_by_the_version_before(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 20, 1);
        Projection<TallyEvent, Tally> v1 = Tallies.projection(name(test), store.name(), new AtomicLong());
        Projection<TallyEvent, Tally> v2 = v1.withVersion(2);
        for (Projection<TallyEvent, Tally> version : List.of(v1, v2)) {
            try (Projector<TallyEvent, Tally> projector = Projector.start(store, version)) {
                projector.awaitLive(PATIENCE);
            }
        }
        Views<Tally> readers = Views.of(store, v2);
        assertThat(readers.version()).isEqualTo(2);

        nats.connection().keyValueManagement().delete(v2.bucket());

        assertThat(readers.get("k1")).contains(Tallies.expected(store).get("k1"));
        assertThat(readers.version()).isEqualTo(1);
    }

    /** Its own bucket holds the failure marker, and no older version exists to read instead. */
    @Test
    void a_new_version_that_failed_before_it_was_ready_tells_its_readers_why(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Projection<TallyEvent, Tally> typo = Projection.of(name(test), name(test) + "-typo.*", TallyEvent.class,
                Tally.class, (tally, event) -> Tallies.apply(tally, event)).withVersion(2);
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, typo)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);
            assertThat(status.state()).isEqualTo(State.FAILED);

            assertThatThrownBy(() -> Views.of(store, typo).get("k")).isExactlyInstanceOf(ProjectionException.class)
                    .hasMessage("projection " + typo.describe() + " cannot be read: no version of it is ready, and it"
                            + " stopped: " + status.failure());
        }
    }

    @Test
    void a_store_without_its_stream_yet_is_stopped_and_how_far_behind_is_unknown(TestInfo test) {
        JetStreamEventStore store = io.rita.eventstore.Rita.of(nats.connection(),
                io.rita.eventstore.RitaOptions.defaults().withTypes(Tallies.TYPES))
                .eventStore(io.rita.eventstore.StoreConfig.of(name(test)));

        ProjectionStatus status = Views.of(store, Tallies.projection(name(test), store.name(), new AtomicLong()))
                .status();

        assertThat(status.state()).isEqualTo(State.STOPPED);
        assertThat(status.behind()).isEqualTo(-1);
    }

    /** An interrupt while reading ends the read with a ProjectionException, and the reader's thread stays interrupted. */
    @Test
    void an_interrupted_reader_gets_a_projection_exception_and_stays_interrupted(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection)) {
            projector.awaitLive(PATIENCE);
        }

        assertInterrupted(() -> Views.of(store, projection).status());
        assertInterrupted(() -> Views.of(store, projection).get("k1")); // while choosing the version
        Views<Tally> chosen = Views.of(store, projection);
        assertThat(chosen.get("k1")).isPresent();
        assertInterrupted(() -> chosen.get("k1")); // while reading the chosen version (a second at most after)
    }

    private static void assertInterrupted(Runnable read) {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(read::run).isExactlyInstanceOf(ProjectionException.class).hasMessageContaining("interrupted");
        } finally {
            assertThat(Thread.interrupted()).as("still interrupted").isTrue();
        }
    }

    /**
     * A view's read waits for nats-server as long as its store's {@code RitaOptions.timeout()}, not
     * a fixed 5 s, and says that the server did not answer: not that the projection is "being
     * built", after a second and a third wait, as it once did; and the status says it cannot be
     * read, not that the projection is stopped.
     */
    @Test
    void a_read_that_gets_no_answer_fails_after_the_stores_timeout(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, ProjectorOptions.defaults())) {
            projector.awaitLive(PATIENCE);
        }
        Duration timeout = Duration.ofMillis(1_500);
        JetStreamEventStore impatient = Rita.of(nats.connection(), store.options().withTimeout(timeout))
                .eventStore(store.name());
        Views<Tally> views = Views.of(impatient, projection);
        assertThat(views.get("k1")).isPresent();

        Map<String, Throwable> thrown = new LinkedHashMap<>();
        Map<String, Duration> took = new LinkedHashMap<>();
        // each on a paused server right after a read that worked, while the reader still holds
        // its choice of version (for a second): a read of every view (a consumer rather than a
        // direct get), a read of one view; and a new reader, which must first find its version
        for (Map.Entry<String, ThrowingCallable> read : Map.<String, ThrowingCallable>of(
                "every view", views::entries,
                "a reader that knows the bucket", () -> views.get("k1"),
                "a new reader", () -> Views.of(impatient, projection).get("k1"),
                "the status", views::status).entrySet()) {
            assertThat(views.get("k1")).isPresent();
            nats.server().pause();
            try {
                long started = System.nanoTime();
                thrown.put(read.getKey(), catchThrowable(read.getValue()));
                took.put(read.getKey(), Duration.ofNanos(System.nanoTime() - started));
            } finally {
                nats.server().resume();
            }
        }
        // the consumer's timeout; no second try, which would wait twice more
        assertThat(took.get("every view")).isBetween(timeout.minusMillis(100), timeout.plusMillis(1_400));
        thrown.forEach((which, error) -> {
            // a direct get's timeout and the bucket's info (which tells a server that does not
            // answer from a bucket that is gone): twice the timeout, never a third
            assertThat(took.get(which)).as(which).isBetween(timeout.minusMillis(100),
                    timeout.multipliedBy(2).plusMillis(1_400));
            assertThat(error).as(which).isExactlyInstanceOf(ProjectionUnavailableException.class)
                    .hasMessageContaining("the views of projection " + projection.name() + " v1 cannot be read: ")
                    .hasMessageEndingWith("; try again shortly");
        });
        for (String read : List.of("a new reader", "the status")) {
            // not "stopped": the status is not known
            assertThat(thrown.get(read)).as(read).hasMessageContaining("no reply to $JS.API.DIRECT.GET.KV_"
                    + projection.bucket() + " within 1500 ms: is nats-server running with JetStream?");
        }
    }
}
