package io.rita.eventstore;

import io.nats.client.Connection;
import io.rita.internal.ServerVersion;
import io.rita.internal.StoreSetupException;
import io.rita.test.nats.NatsCluster;
import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JetStream store on replicated (R3) streams in a real 3-node cluster: optimistic concurrency
 * with writers on different nodes, and the append mode it chooses or refuses there.
 */
@Timeout(180)
class JetStreamClusterStoreTest {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 200;

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    /**
     * Eight writers, each on its own connection to a node of its own (round robin), race on one
     * subject with the same expectation, round after round, in the mode the store chooses.
     */
    @Test
    void eight_writers_on_three_nodes_have_exactly_one_winner_per_round_and_lose_nothing() throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("race").withReplicas(3));
        store.create();
        String subject = "race.counter";
        List<EventStore> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            // each writer stays with its node, as separate processes behind a load balancer would
            writers.add(Rita.of(nats.connect(w % NatsCluster.NODES, o -> o.ignoreDiscoveredServers()))
                    .eventStore("race"));
        }
        long expected = 0;
        List<String> winners = new ArrayList<>();
        List<Long> winningSequences = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<Long>> attempts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    EventStore writer = writers.get(w);
                    String id = "r" + round + "-w" + w;
                    long expectation = expected;
                    attempts.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return writer.append(subject, List.of(Event.of("won", new byte[0]).withId(id)),
                                Expected.sequence(expectation)).sequence();
                    }));
                }
                long winningSequence = -1;
                List<ConcurrencyConflictException> conflicts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    try {
                        winningSequence = attempts.get(w).get(60, TimeUnit.SECONDS);
                        winners.add("r" + round + "-w" + w);
                        winningSequences.add(winningSequence);
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ConcurrencyConflictException.class);
                        conflicts.add((ConcurrencyConflictException) e.getCause());
                    }
                }
                assertThat(winners).as("winners after round %d", round).hasSize(round + 1);
                for (ConcurrencyConflictException conflict : conflicts) {
                    assertThat(conflict.expected()).isEqualTo(expected);
                    assertThat(conflict.actual()).isEqualTo(winningSequence);
                }
                expected = winningSequence;
            }
        }

        for (EventStore reader : writers.subList(0, NatsCluster.NODES)) {
            // through every node: a load includes every acknowledged write, whoever answers it
            LoadResult loaded = reader.load(subject);
            assertThat(loaded.events()).extracting(StoredEvent::id).containsExactlyElementsOf(winners);
            assertThat(loaded.events()).extracting(StoredEvent::sequence).containsExactlyElementsOf(winningSequences);
            assertThat(loaded.sequence()).isEqualTo(expected);
        }
    }

    @Test
    void writers_of_different_subjects_all_win_however_often_the_stream_moves_under_them() throws Exception {
        Rita.of(nats.connection()).eventStore(StoreConfig.of("apart").withReplicas(3)).create();
        int writers = 12;
        int appends = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                EventStore store = Rita.of(nats.connect(w % NatsCluster.NODES)).eventStore("apart");
                String subject = "apart." + w;
                done.add(pool.submit(() -> {
                    long last = 0;
                    for (int i = 0; i < appends; i++) {
                        // each subject has one writer, so no append may end in a conflict, even
                        // when the stream's last sequence it expected moved on
                        last = store.append(subject, List.of(Event.of("n", new byte[0])), Expected.sequence(last)).sequence();
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get(120, TimeUnit.SECONDS);
            }
        }

        EventStore reader = Rita.of(nats.connection()).eventStore("apart");
        for (int w = 0; w < writers; w++) {
            assertThat(reader.load("apart." + w).events()).as("events of apart.%d", w).hasSize(appends);
        }
    }

    @Test
    void refuses_the_per_subject_mode_where_it_is_not_exact_before_creating_anything() throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("refused").withReplicas(3)
                .withAppendMode(AppendMode.PER_SUBJECT));

        if (serialisesSubjectExpectations()) {
            store.create();
            assertThat(store.appendMode()).isEqualTo(AppendMode.PER_SUBJECT);
        } else {
            assertThatThrownBy(store::create)
                    .isInstanceOf(EventStoreException.class)
                    .hasMessageContaining("refuses AppendMode.PER_SUBJECT")
                    .hasMessageContaining("3 replicas");
            assertThat(nats.connection().jetStreamManagement().getStreamNames()).doesNotContain("refused");
        }
    }

    @Test
    void refuses_the_per_subject_mode_when_opening_a_replicated_stream_and_appends_nothing() throws Exception {
        Rita.of(nats.connection()).eventStore(StoreConfig.of("opened").withReplicas(3)).create();
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("opened")
                .withAppendMode(AppendMode.PER_SUBJECT));
        if (serialisesSubjectExpectations()) {
            assertThat(store.open().appendMode()).isEqualTo(AppendMode.PER_SUBJECT);
            return;
        }

        assertThatThrownBy(store::open).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("refuses AppendMode.PER_SUBJECT");
        assertThatThrownBy(() -> store.append("opened.1", List.of(Event.of("a", new byte[0])), Expected.sequence(0)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("refuses AppendMode.PER_SUBJECT");
        assertThat(store.load("opened.1").events()).isEmpty();
        // appends without an expectation need no mode
        assertThat(store.append("opened.1", List.of(Event.of("a", new byte[0]))).sequence()).isPositive();
    }

    @Test
    void appends_per_subject_to_a_stream_with_one_replica_in_the_cluster() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("single")
                .withAppendMode(AppendMode.PER_SUBJECT));
        store.create();

        assertThat(store.appendMode()).isEqualTo(AppendMode.PER_SUBJECT);
        assertThat(Rita.of(nats.connection()).eventStore("single").open().appendMode()).isEqualTo(AppendMode.PER_SUBJECT);
    }

    /**
     * ensure() adopts a stream with fewer replicas than its configuration asks for by giving it
     * that many, and never takes replicas away from one that has more.
     */
    @Test
    void ensure_gives_an_adopted_stream_the_replicas_asked_for_and_never_takes_any_away() throws Exception {
        Rita.of(nats.connection()).eventStore(StoreConfig.of("grown")).create(); // one replica, direct gets on

        StoreInfo grown = Rita.of(nats.connection()).eventStore(StoreConfig.of("grown").withReplicas(3)).ensure();
        StoreInfo kept = Rita.of(nats.connection()).eventStore(StoreConfig.of("grown")).ensure();

        assertThat(grown.config().replicas()).isEqualTo(3);
        assertThat(kept.config().replicas()).isEqualTo(3);
        assertThat(nats.connection().jetStreamManagement().getStreamInfo("grown").getConfiguration().getReplicas())
                .isEqualTo(3);
    }

    /**
     * A one-replica stream whose server is down: an append through another node finds nobody to
     * take it ("no responders"). Nothing was stored, and it may pass: unavailable, send it again.
     */
    @Test
    void an_append_no_server_of_its_stream_takes_just_now_is_unavailable_and_stores_nothing() {
        Rita.of(nats.connection()).eventStore(StoreConfig.of("solo")).create();

        withItsServerStopped("solo", elsewhere -> assertThatThrownBy(() -> Rita.of(elsewhere).eventStore("solo")
                .append("solo.1", List.of(Event.of("placed", new byte[]{1}))))
                .isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot append to solo.1: no server of store 'solo' took it just now (one may be"
                        + " restarting), so nothing was stored; send it again"));
    }

    /** The same for a snapshot's write: nothing took it, the stream is there, so it may pass (not "not set up"). */
    @Test
    void a_snapshot_write_no_server_of_its_stream_takes_just_now_is_unavailable() {
        JetStreamSnapshotStore snapshots = Rita.of(nats.connection()).snapshotStore("lonely", 1);
        snapshots.ensure();

        withItsServerStopped(snapshots.name(), elsewhere -> assertThatThrownBy(() -> Rita.of(elsewhere)
                .snapshotStore("lonely", 1).write(new Snapshot("lonely.1", 1, "e1", 1, new byte[]{1})))
                .isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessage("cannot write the snapshot of lonely.1: no server of store 'lonely-snapshots' took"
                        + " it just now (one may be restarting), so nothing was stored; send it again"));
    }

    /**
     * Runs {@code check} on a connection to another node while the server of a one-replica
     * {@code stream} is stopped; starts it again after, and waits until the cluster has a meta
     * leader again, so that the next test does not start on a cluster still recovering.
     */
    private static void withItsServerStopped(String stream, Consumer<Connection> check) {
        int holder = nats.streams().leader(stream);
        try (Connection elsewhere = nats.connect((holder + 1) % NatsCluster.NODES, o -> o.ignoreDiscoveredServers())) {
            nats.cluster().stop(holder);
            try {
                check.accept(elsewhere);
            } finally {
                nats.start(holder);
                nats.streams().awaitReady();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A replicated store's reads go to its stream leader, which answers a read of a stream that
     * is gone with JetStream's "stream not found" at once (a single server leaves it unanswered):
     * told as a store that does not exist, as on one server, not as a failure to send again.
     */
    @Test
    void a_replicated_store_deleted_under_a_running_one_is_told_missing() throws Exception {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of("gone").withReplicas(3));
        store.create();
        store.append("gone.1", List.of(Event.of("placed", new byte[]{1})));
        assertThat(store.load("gone.1").events()).hasSize(1);
        // by an operator's `nats stream rm`: this store does not know
        try (Connection operator = nats.connect(1)) {
            operator.jetStreamManagement().deleteStream("gone");
        }

        assertThatThrownBy(() -> store.load("gone.1"))
                .isInstanceOf(StoreSetupException.class)
                .hasMessageStartingWith("cannot read ")
                .hasMessageEndingWith("store 'gone' does not exist. Create it (create() or ensure()), or check that"
                        + " this is the account it is in");
        assertThatThrownBy(() -> store.load("gone.2")).isInstanceOf(StoreSetupException.class);
        // created again it serves again: MissingStoreTest (a cluster may take a while to accept the same name)
    }

    private static boolean serialisesSubjectExpectations() {
        return ServerVersion.parse(nats.connection().getServerInfo().getVersion())
                .isAtLeast(ServerVersion.parse("2.9.21"));
    }
}
