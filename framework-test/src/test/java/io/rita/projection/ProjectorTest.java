package io.rita.projection;

import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Cleared;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A projector against a real nats-server: catching up, live events, removals, restarts, status. */
@Timeout(60)
class ProjectorTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String name(TestInfo test) {
        return "p" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    @Test
    void folds_the_events_of_many_subjects_into_one_view_per_key(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 7, 1_000, 1);
        AtomicLong calls = new AtomicLong();

        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls))) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.LIVE);
            assertThat(status.behind()).isZero();
            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store)).hasSize(7);
            assertThat(calls).hasValue(1_000);
            assertThat(projector.views().get("k3")).contains(Tallies.expected(store).get("k3"));
            assertThat(projector.views().get("nobody")).isEmpty();
        }
    }

    @Test
    void applies_new_events_as_they_arrive(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);

            store.append(store.name() + ".susie", List.of(Event.of(new Added(20))));

            assertThat(eventually(() -> projector.views().get("susie"), Optional.of(new Tally(1, 20))))
                    .contains(new Tally(1, 20));
            ProjectionStatus status = until(projector::status, s -> s.lastSequence() == 1);
            assertThat(status.lastSequence()).isEqualTo(1);
            assertThat(status.lastApplied()).isAfter(Instant.now().minusSeconds(30));
            assertThat(status.healthy()).isTrue();
        }
    }

    @Test
    void removes_a_key_when_the_function_returns_empty(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".a", List.of(Event.of(new Added(1))));
        store.append(store.name() + ".b", List.of(Event.of(new Added(2))));
        store.append(store.name() + ".a", List.of(Event.of(new Cleared())));
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            projector.awaitLive(PATIENCE);

            assertThat(projector.views().get("a")).isEmpty();
            assertThat(Tallies.stored(projector.views())).containsOnlyKeys("b");

            store.append(store.name() + ".a", List.of(Event.of(new Added(5))));
            assertThat(eventually(() -> projector.views().get("a"), Optional.of(new Tally(1, 5))))
                    .contains(new Tally(1, 5));
        }
    }

    @Test
    void resumes_where_it_stopped_after_a_restart(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 5, 300, 1);
        AtomicLong calls = new AtomicLong();
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls))) {
            projector.awaitLive(PATIENCE);
        }
        Tallies.fill(store, 5, 200, 301);

        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls))) {
            projector.awaitLive(PATIENCE);

            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store));
            assertThat(calls).as("each event folded once, none again after the restart").hasValue(500);
        }
    }

    @Test
    void keys_of_any_text_are_stored_and_read_back(TestInfo test) throws Exception {
        // jnats reads subjects as ASCII unless told otherwise; the keys here come from subjects
        JetStreamEventStore store = Tallies.store(nats.connect(o -> o.supportUTF8Subjects()), name(test));
        List<String> keys = List.of("zoë", "_lease", "a=b", "x/y", "naïve-名前");
        for (String key : keys) {
            store.append(store.name() + "." + key, List.of(Event.of(new Added(1))));
        }
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()))) {
            projector.awaitLive(PATIENCE);

            assertThat(Tallies.stored(projector.views())).containsOnlyKeys(keys);
            for (String key : keys) {
                assertThat(projector.views().get(key)).as(key).contains(new Tally(1, 1));
            }
        }
    }

    @Test
    void reports_how_far_behind_it_is_while_catching_up(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 3, 200, 1);
        // the function holds event 51 until the test has looked, so that the projector is mid-stream then
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch looked = new CountDownLatch(1);
        Projection<TallyEvent, Tally> held = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 51) {
                        holding.countDown();
                        await(looked);
                    }
                    return Tallies.apply(tally, event);
                });
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, held,
                ProjectorOptions.defaults().withBatchSize(10))) {
            // rounds hold at most 10 events, so the round that holds event 51 started after 41. The status
            // is read once the projector holds still: one read while it moved could pair a count of the
            // events behind from before a round with the last sequence after it
            await(holding);
            // the server may apply the previous round's acknowledgement a moment after the round
            // ended, and counts that round as behind until then: wait for the two to agree
            ProjectionStatus during = projector.status();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (during.behind() != 200 - during.lastSequence() && System.nanoTime() < deadline) {
                Thread.sleep(10);
                during = projector.status();
            }

            assertThat(during.state()).isEqualTo(State.CATCHING_UP);
            assertThat(during.lastSequence()).isBetween(41L, 50L);
            assertThat(during.behind()).as("the events after the last applied one")
                    .isEqualTo(200 - during.lastSequence());
            assertThat(during.lastApplied()).isNotNull();
            assertThat(during.ready()).as("a first build: no reader uses this version yet").isFalse();
            looked.countDown();
            ProjectionStatus live = projector.awaitLive(PATIENCE);
            assertThat(live.state()).isEqualTo(State.LIVE);
            assertThat(live.behind()).isZero();
            assertThat(live.lastSequence()).isEqualTo(200);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("nobody opened the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T eventually(java.util.function.Supplier<T> read, T wanted) throws InterruptedException {
        return until(read, wanted::equals);
    }

    static <T> T until(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            value = read.get();
        }
        return value;
    }
}
