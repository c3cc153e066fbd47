package io.rita.projection;

import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A projection whose own settings JetStream refuses fails at once and says what to change,
 * instead of trying again forever while its readers hear "not ready yet, try again shortly".
 */
@Timeout(60)
class ProjectionSetupTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void a_filter_outside_the_stores_subjects_fails_saying_so() throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), "wide");
        Projection<TallyEvent, Tally> typo = Projection.of("typo", "wide-typo.*", TallyEvent.class, Tally.class,
                (tally, event) -> Tallies.apply(tally, event));

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, typo)) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.failure()).isEqualTo("projection typo v1 stopped at wide-typo.* sequence 0: its filter"
                    + " wide-typo.* is not among the subjects of store 'wide'; fix the filter (a new version of the"
                    + " projection), or add its subjects to the store and start the projector again");
            // another process's readers learn it from the failure marker in the bucket
            assertThatThrownBy(() -> Views.of(store, typo).get("k")).isExactlyInstanceOf(ProjectionException.class)
                    .hasMessage("projection typo v1 cannot be read: no version of it is ready, and it stopped: "
                            + status.failure());
        }
    }

    @Test
    void replicated_views_on_a_single_server_fail_saying_so() throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), "single");
        Projection<TallyEvent, Tally> projection = Tallies.projection("single", "single", new AtomicLong());

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection,
                ProjectorOptions.defaults().withReplicas(3))) {
            ProjectionStatus status = projector.awaitLive(PATIENCE);

            assertThat(status.state()).isEqualTo(State.FAILED);
            assertThat(status.failure()).endsWith(": its bucket cannot have 3 replicas on a nats-server that is not in"
                    + " a cluster; use ProjectorOptions.withReplicas(1) there");
            // its own views know why (there is no bucket to hold a failure marker)
            assertThatThrownBy(() -> projector.views().get("k")).isExactlyInstanceOf(ProjectionException.class)
                    .hasMessage("projection single v1 cannot be read: no version of it is ready, and it stopped: "
                            + status.failure());
            // a route over them answers 500 (no retry helps) naming the projection, and logs why once per 5 s
            io.rita.service.Dispatcher dispatcher = io.rita.service.Dispatcher.of(store, java.util.List.of(
                    io.rita.service.Route.projection("svc.single.*", projector.views(),
                            (views, req) -> views.get(req.token(2)).orElse(null))));
            io.rita.service.Reply reply = dispatcher.dispatch(io.rita.service.Request.of("svc.single.k", new byte[0]));
            assertThat(reply).isEqualTo(new io.rita.service.Reply.Failure(500, "projection single v1 cannot be read;"
                    + " its status and the service's log say why", java.util.Map.of()));
        }
    }

    /** The remedy the failure names, followed: other processes must stop hearing "failed" (its marker names sequence 0). */
    @Test
    void a_setup_failure_fixed_in_the_store_is_forgotten_once_the_projector_is_live_with_nothing_to_apply() throws Exception {
        JetStreamEventStore store = Tallies.store(nats.connection(), "wide");
        Projection<TallyEvent, Tally> typo = Projection.of("typo", "wide-typo.*", TallyEvent.class, Tally.class,
                (tally, event) -> Tallies.apply(tally, event));
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, typo)) {
            assertThat(projector.awaitLive(Duration.ofSeconds(10)).state()).isEqualTo(State.FAILED);
        }
        // the remedy the failure names: add its subjects to the store, start the projector again
        StreamInfo info = nats.connection().jetStreamManagement().getStreamInfo(store.name());
        List<String> subjects = new ArrayList<>(info.getConfiguration().getSubjects());
        subjects.add("wide-typo.>");
        nats.connection().jetStreamManagement().updateStream(StreamConfiguration.builder(info.getConfiguration())
                .subjects(subjects).build());
        try (Projector<TallyEvent, Tally> projector = Projector.start(store, typo)) {
            ProjectionStatus own = projector.awaitLive(Duration.ofSeconds(10));
            ProjectionStatus seen = Views.of(store, typo).status();
            assertThat(own.state()).isEqualTo(State.LIVE);
            assertThat(seen.state()).as("what other processes hear").isEqualTo(State.LIVE);
        }
    }
}
