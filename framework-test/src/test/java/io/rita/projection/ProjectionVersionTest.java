package io.rita.projection;

import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Added;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.rita.projection.ProjectorTest.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new version is built from the start beside the old one, which serves until the new one caught up. */
@Timeout(90)
class ProjectionVersionTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void version_2_is_built_beside_version_1_and_readers_switch_once_it_caught_up() throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), "versions");
        Tallies.fill(store, 2, 100, 1);
        Projection<TallyEvent, Tally> v1 = Tallies.projection("tallies", store.name(), new AtomicLong());
        CountDownLatch go = new CountDownLatch(1);
        // version 2 counts twice as much, and is held at its 50th event until the test has looked
        Projection<TallyEvent, Tally> v2 = Projection.of("tallies", store.name() + ".*", TallyEvent.class, Tally.class,
                (tally, event) -> {
                    if (event instanceof Added added && added.n() == 50) {
                        ProjectorTest.await(go);
                    }
                    return switch (event) {
                        case Added added -> Optional.of(tally.orElse(Tally.ZERO).plus(2 * added.n()));
                        case Tallies.Cleared cleared -> Optional.<Tally>empty();
                    };
                }).withVersion(2);

        try (Projector<TallyEvent, Tally> one = Projector.start(store, v1)) {
            one.awaitLive(PATIENCE);
            Views<Tally> readersOfV1 = Views.of(store, v1);
            Views<Tally> readersOfV2 = Views.of(store, v2);
            // rounds of 10, so that some are applied before the one that holds event 50
            try (Projector<TallyEvent, Tally> two = Projector.start(store, v2,
                    ProjectorOptions.defaults().withBatchSize(10))) {
                assertThat(until(two::status, s -> s.lastSequence() > 0).lastSequence()).isBetween(1L, 49L);

                // building: everybody reads version 1, which stays up to date
                assertThat(two.status().state()).isEqualTo(State.CATCHING_UP);
                assertThat(readersOfV2.version()).isEqualTo(1);
                store.append(store.name() + ".k1", List.of(Event.of(new Added(1_000))));
                Tally v1Now = until(() -> readersOfV1.get("k1").orElseThrow(), t -> t.events() == 51);
                assertThat(readersOfV2.get("k1")).contains(v1Now);

                go.countDown();
                assertThat(two.awaitLive(PATIENCE).state()).isEqualTo(State.LIVE);

                // caught up: readers of version 2 switch (within a second), readers of version 1 stay
                assertThat(until(readersOfV2::version, version -> version == 2)).isEqualTo(2);
                assertThat(readersOfV2.get("k1")).contains(new Tally(51, 2 * v1Now.sum()));
                assertThat(readersOfV1.version()).isEqualTo(1);
                assertThat(readersOfV1.get("k1")).contains(v1Now);
            }
        }

        // nobody runs version 1 any more: remove it
        Projector.remove(store, "tallies", 1);
        assertThat(nats.connection().keyValueManagement().getBucketNames()).doesNotContain(v1.bucket())
                .contains(v2.bucket());
        assertThat(nats.connection().jetStreamManagement().getConsumerNames(store.name()))
                .as("its durable consumer goes with it").doesNotContain(v1.consumer()).contains(v2.consumer());
        Projector.remove(store, "tallies", 1); // nothing left of it: nothing to do, nothing to refuse
        Projector.remove(store, "tallies", 3); // never started
        assertThatThrownBy(() -> Projector.remove(store, "tal.lies", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a projection name must be 1 to 64 of A-Z, a-z, 0-9, '_' or '-' (it names a bucket and a"
                        + " consumer), was 'tal.lies'");
        assertThatThrownBy(() -> Views.of(store, v1).get("k1")).isInstanceOf(ProjectionUnavailableException.class)
                .hasMessage("projection tallies v1 is not ready yet: it is being built from the start of the stream;"
                        + " try again shortly");
        assertThat(Views.of(store, v2).get("k0")).isPresent();
        assertThatThrownBy(() -> Projector.remove(store, "tallies", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a projection version must be 1 or more, was 0");
        // refused where they are made, not at the first read
        assertThatThrownBy(() -> Views.of(null, v2)).isInstanceOf(NullPointerException.class).hasMessage("store");
        assertThatThrownBy(() -> Views.of(store, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("projection");
    }
}
