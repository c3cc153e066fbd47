package io.rita.projection;

import io.nats.client.KeyValue;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.rita.projection.ProjectorTest.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a projector does with what it cannot apply: it stops on it, says where, skips nothing; and what it survives. */
@Timeout(90)
class ProjectionFailureTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ProjectorOptions QUICK = ProjectorOptions.defaults().withBackoff(Duration.ofMillis(5));

    private static String name(TestInfo test) {
        return "f" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
    }

    @Test
    void a_function_that_throws_is_tried_a_few_times_then_the_projector_stops_on_the_event(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        // ready with events 1 to 30 (sequence n holds the number n), then 31 to 100 come
        Tallies.fill(store, 3, 30, 1);
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()), QUICK)) {
            projector.awaitLive(PATIENCE);
        }
        Tallies.fill(store, 3, 70, 31);
        AtomicInteger tries = new AtomicInteger();
        Projection<TallyEvent, Tally> broken = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 42) {
                        tries.incrementAndGet();
                        throw new IllegalStateException("cannot count 42");
                    }
                    return Tallies.apply(tally, event);
                });

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, broken, QUICK.withMaxAttempts(4))) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.healthy()).isFalse();
            assertThat(status.holder()).as("it applies nothing any more").isNull();
            assertThat(status.failure()).isEqualTo("projection " + name(test) + " v1 stopped at " + store.name()
                    + ".k0 sequence 42 after 4 attempts: the projection's function threw java.lang.IllegalStateException:"
                    + " cannot count 42; fix the function (or the event) and start the projector again: it carries on from"
                    + " this event");
            assertThat(tries).hasValue(4);
            assertThat(status.lastSequence()).isEqualTo(41);
            assertThat(until(() -> projector.status().behind(), behind -> behind == 59))
                    .as("event 42 and those after it are still to apply").isEqualTo(59);
            assertThat(projector.views().get("k0")).as("events 3, 6, ... 39 of k0; none after 41")
                    .contains(new Tally(13, 3L * (13 * 14) / 2));
            assertThat(Views.of(store, broken).status().state()).as("what every process sees").isEqualTo(State.FAILED);
        }

        // fixed: it carries on from event 42, and the failure record goes
        try (Projector<TallyEvent, Tally> fixed = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()), QUICK)) {
            assertThat(fixed.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
            assertThat(Tallies.stored(fixed.views())).isEqualTo(Tallies.expected(store));
            assertThat(until(() -> fixed.views().status().state(), State.LIVE::equals)).isEqualTo(State.LIVE);
        }
    }

    /**
     * The failure marker names the event it stopped at; applying that very event, the last of the
     * stream here, clears it: by the time the fixed projector is LIVE, every process hears so.
     */
    @Test
    void the_failure_marker_goes_as_soon_as_the_event_it_names_is_applied(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 2, 10, 1);
        Projection<TallyEvent, Tally> broken = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 10) {
                        throw new IllegalStateException("cannot count 10");
                    }
                    return Tallies.apply(tally, event);
                });
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, broken, QUICK.withMaxAttempts(1))) {
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.FAILED);
            assertThat(Views.of(store, broken).status().state()).isEqualTo(State.FAILED);
        }

        try (Projector<TallyEvent, Tally> fixed = Projector.start(store,
                Tallies.projection(name(test), store.name(), new AtomicLong()), QUICK)) {
            assertThat(fixed.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);

            ProjectionStatus seen = Views.of(store, broken).status();
            assertThat(seen.failure()).isNull();
            assertThat(seen.state()).isEqualTo(State.LIVE);
        }
    }

    /**
     * The marker goes when the round holding the event it names is applied, not when the fixed
     * projector has caught up: while it is still building, every process hears CATCHING_UP, not
     * FAILED. Held at event 20 in rounds of 5, the round with event 5 was applied long before.
     */
    @Test
    void the_failure_marker_goes_while_the_fixed_projector_is_still_catching_up(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 3, 30, 1);
        Projection<TallyEvent, Tally> broken = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 5) {
                        throw new IllegalStateException("cannot count 5");
                    }
                    return Tallies.apply(tally, event);
                });
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, broken, QUICK.withMaxAttempts(1))) {
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.FAILED);
            assertThat(Views.of(store, broken).status().state()).isEqualTo(State.FAILED);
        }
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Projection<TallyEvent, Tally> fixed = Projection.of(name(test), store.name() + ".*", TallyEvent.class,
                Tally.class, (tally, event) -> {
                    if (event instanceof Added added && added.n() == 20) {
                        holding.countDown();
                        ProjectorTest.await(release);
                    }
                    return Tallies.apply(tally, event);
                });

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, fixed, QUICK.withBatchSize(5))) {
            ProjectorTest.await(holding);
            ProjectionStatus seen = Views.of(store, broken).status();
            release.countDown();

            assertThat(seen.failure()).as("the marker of event 5, applied three rounds ago").isNull();
            assertThat(seen.state()).isEqualTo(State.CATCHING_UP);
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
        }
    }

    @Test
    void an_event_of_an_unknown_type_stops_it_at_once_and_stays_to_be_applied(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".a", List.of(Event.of(new Added(1))));
        AtomicLong calls = new AtomicLong();
        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls), QUICK)) {
            projector.awaitLive(PATIENCE);
        }
        JetStreamEventStore raw = Rita.of(nats.connection(), RitaOptions.defaults()).eventStore(StoreConfig.of(store.name()));
        raw.append(store.name() + ".a", List.of(Event.of("mystery-event", "{}".getBytes(StandardCharsets.UTF_8))));
        store.append(store.name() + ".a", List.of(Event.of(new Added(3))));

        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls), QUICK)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.failure()).startsWith("projection " + name(test) + " v1 stopped at " + store.name()
                    + ".a sequence 2: its event type 'mystery-event' is not registered; run a version of the service that"
                    + " registers it");
            assertThat(calls).as("event 1 only").hasValue(1);
            ConsumerInfo consumer = nats.connection().jetStreamManagement().getConsumerInfo(store.name(),
                    Tallies.projection(name(test), store.name(), calls).consumer());
            assertThat(consumer.getAckFloor().getStreamSequence()).as("acknowledged up to the event before").isEqualTo(1);
            assertThat(projector.views().get("a")).contains(new Tally(1, 1));
        }
    }

    @Test
    void a_message_that_is_not_a_rita_event_stops_it_at_once_saying_to_remove_it_or_narrow_the_filter(TestInfo test)
            throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".a", List.of(Event.of(new Added(1))));
        long foreign = nats.connection().jetStream().publish(store.name() + ".a",
                "{\"n\":2}".getBytes(StandardCharsets.UTF_8)).getSeqno();
        AtomicLong calls = new AtomicLong();

        try (Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection(name(test), store.name(), calls), QUICK)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.failure()).startsWith("projection " + name(test) + " v1 stopped at " + store.name()
                    + ".a sequence " + foreign + ": message " + foreign + " on " + store.name() + ".a is not a readable"
                    + " Rita event: ").contains("; only Rita events may be stored on the projection's subjects ("
                    + store.name() + ".*); remove the message from the stream, or narrow the filter with a new version");
            assertThat(calls).as("event 1 only").hasValue(1);
        }
    }

    @Test
    void a_view_that_cannot_be_decoded_stops_it_naming_the_key(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        store.append(store.name() + ".a", List.of(Event.of(new Added(1))));
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, QUICK)) {
            projector.awaitLive(PATIENCE);
        }
        // a view of another shape, as if written by another version under the same name
        nats.connection().jetStream().publish(NatsMessage.builder().subject("$KV." + projection.bucket() + ".a")
                .headers(new Headers().put("rita-projection-sequence", "1"))
                .data("{\"events\":\"many\"}".getBytes(StandardCharsets.UTF_8)).build());
        store.append(store.name() + ".a", List.of(Event.of(new Added(2))));

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, QUICK)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.failure()).contains("stopped at " + store.name() + ".a sequence 2: the view 'a' of bucket "
                    + projection.bucket() + " (revision ").contains(") cannot be read as Tally: ")
                    .contains("raise the version to build it beside this one, or remove the bucket (nats kv rm "
                            + projection.bucket() + ")");
            assertThatThrownBy(() -> projector.views().get("a")).isInstanceOf(ProjectionException.class)
                    .hasMessageContaining("the view 'a' of bucket " + projection.bucket());
        }
    }

    @Test
    void a_view_written_by_someone_else_stops_it(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, QUICK)) {
            projector.awaitLive(PATIENCE);
            KeyValue bucket = nats.connection().keyValue(projection.bucket());
            bucket.put("b", "{\"events\":1,\"sum\":1}".getBytes(StandardCharsets.UTF_8)); // nats kv put
            store.append(store.name() + ".b", List.of(Event.of(new Added(5))));

            ProjectionStatus status = until(projector::status, s -> s.state() == State.FAILED);
            assertThat(status.failure()).contains("the entry 'b' of bucket " + projection.bucket())
                    .contains("was not written by projection " + name(test) + " v1");
        }
    }

    @Test
    void a_bucket_removed_under_it_is_built_again_from_the_start(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 4, 200, 1);
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), new AtomicLong());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, QUICK)) {
            projector.awaitLive(PATIENCE);

            nats.connection().keyValueManagement().delete(projection.bucket());
            store.append(store.name() + ".k1", List.of(Event.of(new Added(1_000))));

            until(() -> {
                try {
                    return Tallies.stored(projector.views());
                } catch (ProjectionUnavailableException rebuilding) {
                    return null;
                }
            }, Tallies.expected(store)::equals);
            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store)).hasSize(4);
            // the views are readable once the version is marked ready, a moment before the state says LIVE
            assertThat(projector.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);
        }
    }

    @Test
    void a_consumer_removed_under_it_is_created_again_and_nothing_is_applied_twice(TestInfo test) throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), name(test));
        Tallies.fill(store, 4, 200, 1);
        AtomicLong calls = new AtomicLong();
        Projection<TallyEvent, Tally> projection = Tallies.projection(name(test), store.name(), calls);
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection, QUICK)) {
            projector.awaitLive(PATIENCE);

            nats.connection().jetStreamManagement().deleteConsumer(store.name(), projection.consumer());
            Tallies.fill(store, 4, 100, 201);

            until(() -> Tallies.stored(projector.views()), Tallies.expected(store)::equals);
            assertThat(Tallies.stored(projector.views())).isEqualTo(Tallies.expected(store));
            assertThat(calls).as("the 200 events before were delivered again, and skipped").hasValue(300);
        }
    }
}
