package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import io.rita.projection.ProjectionStatus.State;
import io.rita.projection.Tallies.Tally;
import io.rita.projection.Tallies.TallyEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a nats-server without JetStream a projection cannot start, and its views say why instead
 * of "not ready yet, try again shortly", which would never come true.
 */
@Timeout(60)
class ProjectionWithoutJetStreamTest {

    private static NatsServerProcess server;
    private static Connection connection;
    private static JetStreamEventStore store;

    @BeforeAll
    static void startWithoutJetStream(@TempDir Path dir) throws Exception {
        server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir).withJetStream(false)).start();
        connection = Nats.connect(server.url());
        store = Rita.of(connection, RitaOptions.defaults().withTypes(Tallies.TYPES)).eventStore("tallies");
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** Waits (at most 10 s) until the projector's first attempt has failed, and returns what it says. */
    private static String firstFailure(Projector<?, ?> projector) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (projector.status().failure() == null && System.nanoTime() < deadline) {
            Thread.sleep(10); // its first attempt may still be under way
        }
        return projector.status().failure();
    }

    @Test
    void the_views_say_the_server_runs_without_jetstream() throws Exception {
        Projection<TallyEvent, Tally> projection = Tallies.projection("tallies", "tallies", new AtomicLong());

        try (Projector<TallyEvent, Tally> projector = Projector.start(store, projection)) {
            assertThatThrownBy(() -> projector.views().get("k"))
                    .isExactlyInstanceOf(ProjectionException.class)
                    .hasMessage("projection tallies v1 cannot be read: the nats-server at "
                            + connection.getConnectedUrl() + " runs without JetStream, where projections keep"
                            + " their views. Start nats-server with -js (or a jetstream block in its"
                            + " configuration), or connect to one that does");
            ProjectionStatus starting = projector.status();
            assertThat(starting.state()).isEqualTo(State.STARTING);
            assertThat(firstFailure(projector)).as("what holds it up")
                    .startsWith("the nats-server at " + connection.getConnectedUrl() + " runs without JetStream,"
                            + " where projections keep their views. Start nats-server with -js");
        }
        assertThatThrownBy(() -> Views.of(store, projection).entries())
                .isExactlyInstanceOf(ProjectionException.class).hasMessageContaining("runs without JetStream");
    }

    /**
     * While the server answers every attempt at once with "no JetStream", the projector pauses
     * between attempts, twice as long each time from {@link ProjectorOptions#backoff()}: it does not
     * hammer the server (or burn a core) for as long as the outage lasts. Counted on its
     * connection in the 3 s after its first attempt: with pauses of 100, 200, 400, 800 and
     * 1,600 ms, four more attempts of two requests each (the bucket's info, then the probe for
     * JetStream that names the cause).
     */
    @Test
    void attempts_on_a_server_without_jetstream_are_spaced_by_a_doubling_pause() throws Exception {
        Connection own = Nats.connect(server.url());
        try {
            JetStreamEventStore store = Rita.of(own, RitaOptions.defaults().withTypes(Tallies.TYPES))
                    .eventStore("tallies");
            Projector<TallyEvent, Tally> projector = Projector.start(store,
                    Tallies.projection("tallies", "tallies", new AtomicLong()),
                    ProjectorOptions.defaults().withBackoff(Duration.ofMillis(100)));
            long requests;
            try {
                assertThat(firstFailure(projector)).isNotNull(); // asks for the status, on the same connection
                long before = own.getStatistics().getOutMsgs();
                Thread.sleep(3_000); // a window to count in: the bounds below hold for any pace of the machine
                requests = own.getStatistics().getOutMsgs() - before;
            } finally {
                projector.close();
            }

            assertThat(requests).as("requests in 3 s of attempts: at a 100 ms pause they would be 60, at none thousands;"
                    + " with the second pause at its 5 s cap, 2; about 9 on a quiet machine, fewer on a busy one")
                    .isBetween(3L, 20L);
        } finally {
            own.close();
        }
    }

    /** A projector that pauses between attempts stops at once when closed, not at the end of its pause. */
    @Test
    void close_wakes_a_projector_that_pauses_before_trying_again() throws Exception {
        Projector<TallyEvent, Tally> projector = Projector.start(store,
                Tallies.projection("tallies", "tallies", new AtomicLong()),
                ProjectorOptions.defaults().withBackoff(Duration.ofSeconds(20)));
        try {
            assertThat(firstFailure(projector)).as("the first attempt, which starts the 20 s pause").isNotNull();

            long started = System.nanoTime();
            projector.close();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(projector.status().state()).isEqualTo(State.STOPPED);
        } finally {
            projector.close();
        }
    }
}
