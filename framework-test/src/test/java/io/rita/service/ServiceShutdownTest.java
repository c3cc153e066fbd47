package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.Event;
import io.rita.eventstore.Expected;
import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.Snapshot;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown: requests in flight finish and reply, cached aggregates leave snapshots;
 * closeAndDrain also drains the connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceShutdownTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private String prefix;
    private Slow slow;
    private ServiceRunner runner;

    /** A store whose appends take 200 ms, so that requests are still in flight when the runner stops. */
    private static final class Slow extends Counting {

        final CountDownLatch started;
        final AtomicInteger finished = new AtomicInteger();

        Slow(JetStreamEventStore store, int requests) {
            super(store);
            this.started = new CountDownLatch(requests);
        }

        @Override
        public AppendResult append(String subject, List<Event> events, Expected expected) {
            started.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            AppendResult appended = super.append(subject, events, expected);
            finished.incrementAndGet();
            return appended;
        }
    }

    @BeforeEach
    void store(TestInfo test) {
        prefix = "s" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        slow = new Slow(ServiceRunnerTest.counterStore(nats.connection(), prefix), 20);
    }

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private ServiceRunner start(Connection connection) {
        return ServiceRunner.start(connection, Dispatcher.of(slow, ServiceRunnerTest.routes(prefix)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(prefix));
    }

    /** Sends 20 commands, on 20 counters, and waits until every one has reached the store. */
    private List<CompletableFuture<Message>> twentyInFlight() throws InterruptedException {
        List<CompletableFuture<Message>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(nats.connection().request("svc." + prefix + ".c" + i + ".add",
                    "{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
        }
        slow.started.await();
        return replies;
    }

    private static void assertAllReplied(List<CompletableFuture<Message>> replies) {
        assertThat(replies).allSatisfy(reply -> assertThat(reply.get(5, TimeUnit.SECONDS).getHeaders()
                .getFirst(ServiceHeaders.SEQUENCE)).isNotNull());
    }

    @Test
    void finishes_requests_in_flight_when_closed() throws Exception {
        runner = start(nats.connection());
        List<CompletableFuture<Message>> replies = twentyInFlight();

        runner.close();

        assertThat(slow.finished).hasValue(20);
        assertAllReplied(replies);
        assertThat(nats.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    @Test
    void stores_a_snapshot_of_each_cached_aggregate_with_events_since_its_last_one_when_closed() throws Exception {
        String name = prefix + "x";
        JetStreamEventStore store = ServiceRunnerTest.counterStore(nats.connection(), name);
        JetStreamSnapshotStore snapshots = Rita.of(nats.connection()).snapshotStore(name);
        snapshots.ensure();
        EngineOptions engine = EngineOptions.defaults()
                .withSnapshots(Snapshots.in(snapshots).withStateType(Counters.Count.class));
        runner = ServiceRunner.start(nats.connection(), Dispatcher.of(store, ServiceRunnerTest.routes(name),
                DispatchOptions.defaults().withEngine(engine)),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(name));
        for (String counter : List.of("a", "b", "a", "a")) {
            nats.connection().request("svc." + name + "." + counter + ".add",
                    "{\"n\":1}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        }
        assertThat(snapshots.read(name + ".a")).isEmpty(); // the periodic one is due after 100 events

        runner.close();

        assertThat(snapshots.read(name + ".a")).get().extracting(Snapshot::sequence).isEqualTo(4L);
        assertThat(snapshots.read(name + ".b")).get().extracting(Snapshot::sequence).isEqualTo(2L);
    }

    @Test
    void drains_and_closes_its_own_connection_after_the_requests_in_flight_replied() throws Exception {
        Connection own = nats.connect();
        runner = start(own);
        List<CompletableFuture<Message>> replies = twentyInFlight();

        boolean drained = runner.closeAndDrain(Duration.ofSeconds(5));

        assertThat(drained).isTrue();
        assertThat(own.getStatus()).isEqualTo(Connection.Status.CLOSED);
        assertAllReplied(replies);
    }

    @Test
    void close_and_drain_without_a_timeout_is_refused_before_anything_is_closed() throws Exception {
        Connection own = nats.connect();
        runner = start(own);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.closeAndDrain(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");

        assertThat(own.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(runner.closeAndDrain(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void close_and_drain_returns_and_closes_the_connection_when_the_server_is_gone() throws Exception {
        Connection own = nats.connect();
        runner = start(own);
        nats.stopServer();
        try {
            CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(
                    () -> runner.closeAndDrain(Duration.ofSeconds(1)));

            // the drain timeout is 1 s; per-endpoint drains against a missing server took 5 s each
            assertThat(closing.get(4, TimeUnit.SECONDS)).isFalse();
            assertThat(own.getStatus()).isEqualTo(Connection.Status.CLOSED);
        } finally {
            nats.startServer();
        }
    }
}
