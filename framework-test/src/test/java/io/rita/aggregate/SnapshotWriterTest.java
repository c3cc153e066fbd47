package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Counting;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.test.memory.InMemorySnapshotStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** When a snapshot is due, and how the background writer keeps up: newest per aggregate, bounded, never blocking. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnapshotWriterTest {

    private static final String SUSIE = "wallets.susie";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseWriter() {
        release.countDown();
    }

    private Runnable write(String what) {
        return () -> written.add(what);
    }

    /** A write that holds the writer's thread until {@link #release}. */
    private Runnable blocking(String what, CountDownLatch started) {
        return () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(what);
        };
    }

    @Test
    void a_newer_snapshot_of_an_aggregate_replaces_the_one_still_waiting() throws InterruptedException {
        SnapshotWriter writer = new SnapshotWriter("test", 10, 1);
        CountDownLatch started = new CountDownLatch(1);
        writer.submit("a", 1, blocking("a1", started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        writer.submit("b", 1, write("b1"));
        writer.submit("b", 2, write("b2"));
        writer.submit("c", 1, write("c1"));
        assertThat(writer.awaitIdle(Duration.ofMillis(50))).as("still busy").isFalse();
        release.countDown();

        assertThat(writer.awaitIdle(WAIT)).isTrue();
        assertThat(written).containsExactly("a1", "b2", "c1");
    }

    @Test
    void a_snapshot_of_an_earlier_sequence_does_not_replace_a_later_one_still_waiting() throws InterruptedException {
        SnapshotWriter writer = new SnapshotWriter("test", 10, 1);
        CountDownLatch started = new CountDownLatch(1);
        writer.submit("a", 1, blocking("a1", started));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        writer.submit("b", 7, write("b7"));
        writer.submit("b", 5, write("b5")); // an eviction's, handed in after the aggregate moved on
        writer.submit("c", 3, write("c3"));
        writer.submit("c", 3, write("c3 again")); // the same sequence: the newer one
        release.countDown();

        assertThat(writer.awaitIdle(WAIT)).isTrue();
        assertThat(written).containsExactly("a1", "b7", "c3 again");
    }

    @Test
    void when_full_it_drops_snapshots_of_other_aggregates_logs_that_once_and_still_takes_newer_ones_of_waiting_ones()
            throws InterruptedException {
        SnapshotWriter writer = new SnapshotWriter("test", 1, 1);
        CountDownLatch started = new CountDownLatch(1);
        try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {
            writer.submit("a", 1, blocking("a1", started));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            writer.submit("b", 1, write("b1"));   // the one waiting: the writer is full
            writer.submit("c", 1, write("c1"));   // dropped
            writer.submit("d", 1, write("d1"));   // dropped
            writer.submit("b", 2, write("b2"));   // replaces b1
            release.countDown();

            assertThat(writer.awaitIdle(WAIT)).isTrue();
            assertThat(written).containsExactly("a1", "b2");
            assertThat(log.messages()).filteredOn(m -> m.contains("dropping")).hasSize(1);
        }
    }

    @Test
    void snapshots_of_different_aggregates_are_written_side_by_side_up_to_the_writers_given()
            throws InterruptedException {
        SnapshotWriter writer = new SnapshotWriter("test", 10, 3);
        CountDownLatch threeStarted = new CountDownLatch(3);
        CountDownLatch fourStarted = new CountDownLatch(4);
        for (String aggregate : List.of("a", "b", "c", "d")) {
            writer.submit(aggregate, 1, blocking(aggregate + "1", countingDown(threeStarted, fourStarted)));
        }

        assertThat(threeStarted.await(10, TimeUnit.SECONDS)).as("three at once").isTrue();
        assertThat(fourStarted.await(100, TimeUnit.MILLISECONDS)).as("not a fourth").isFalse();
        release.countDown();

        assertThat(writer.awaitIdle(WAIT)).isTrue();
        assertThat(written).containsExactlyInAnyOrder("a1", "b1", "c1", "d1");
    }

    @Test
    void two_snapshots_of_one_aggregate_are_never_written_at_once_and_are_stored_in_order()
            throws InterruptedException {
        SnapshotWriter writer = new SnapshotWriter("test", 10, 4);
        CountDownLatch oneStarted = new CountDownLatch(1);
        CountDownLatch twoStarted = new CountDownLatch(2);
        writer.submit("a", 1, blocking("a1", countingDown(oneStarted, twoStarted)));
        assertThat(oneStarted.await(10, TimeUnit.SECONDS)).isTrue();

        writer.submit("a", 2, blocking("a2", countingDown(twoStarted)));
        writer.submit("b", 1, write("b1")); // another aggregate goes on meanwhile

        // b1 is written while a1 holds its aggregate; a2 cannot start before the release below
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!written.contains("b1") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(twoStarted.await(100, TimeUnit.MILLISECONDS)).as("a2 waits for a1").isFalse();
        assertThat(written).containsExactly("b1");
        release.countDown();
        assertThat(writer.awaitIdle(WAIT)).isTrue();
        assertThat(written).containsExactly("b1", "a1", "a2");
    }

    /** A latch that counts all of {@code latches} down. */
    private static CountDownLatch countingDown(CountDownLatch... latches) {
        return new CountDownLatch(1) {
            @Override
            public void countDown() {
                for (CountDownLatch latch : latches) {
                    latch.countDown();
                }
            }
        };
    }

    @Test
    void an_idle_writer_is_idle_at_once() throws InterruptedException {
        assertThat(new SnapshotWriter("test", 1, 1).awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    void a_fast_cold_load_of_few_events_takes_no_snapshot() throws InterruptedException {
        Counting store = Wallet.store();
        InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
        AggregateEngine.of(store, new Wallet()).handle(SUSIE, new Deposit(3));
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withSnapshots(Snapshots.in(snapshots).withSlowLoad(Duration.ofMinutes(1))));

        engine.read(SUSIE);

        assertThat(engine.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isZero();
    }

    @Test
    void a_load_from_a_snapshot_with_nothing_after_it_writes_no_new_one_however_slow() throws InterruptedException {
        Counting store = new Counting(new InMemoryEventStore("wallets", RitaOptions.defaults().withTypes(Wallet.TYPES)));
        InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
        Snapshots always = Snapshots.in(snapshots).withEvery(2).withSlowLoad(Duration.ZERO);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withSnapshots(always));
        first.handle(SUSIE, new Deposit(1));
        first.handle(SUSIE, new Deposit(2));
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isEqualTo(1);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> cold = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withSnapshots(always));

        assertThat(cold.read(SUSIE)).isEqualTo(new Folded<>(new Balance(3), 2));

        assertThat(cold.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isEqualTo(1);
    }
}
