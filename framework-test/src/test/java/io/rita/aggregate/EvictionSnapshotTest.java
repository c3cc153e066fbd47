package io.rita.aggregate;

import io.nats.client.NUID;
import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;
import io.rita.service.Counting;
import io.rita.service.MovableClock;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.test.memory.InMemorySnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots of aggregates that leave the engine's cache (evicted, or at a graceful shutdown):
 * their next cold load, in any process, reads the snapshot and no event after it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EvictionSnapshotTest {

    private static final String SUSIE = "wallets.susie";
    private static final String TOM = "wallets.tom";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Counting store = new Counting(new InMemoryEventStore("wallets",
            RitaOptions.defaults().withTypes(Wallet.TYPES).withClock(clock).withIds(NUID::nextGlobal)));
    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    /** Periodic snapshots too far apart to be taken here, and no slow-load ones: only those at eviction. */
    private final Snapshots rarely = rarelyIn(snapshots);

    private AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine(Snapshots options, int cacheSize) {
        return AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withSnapshots(options).withCacheSize(cacheSize));
    }

    @Test
    void an_evicted_aggregate_leaves_a_snapshot_of_its_last_event_which_its_next_cold_load_starts_from()
            throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(rarely, 1);
        first.handle(SUSIE, new Deposit(10));
        first.handle(SUSIE, new Deposit(20));
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isZero();

        first.handle(TOM, new Deposit(1)); // the cache holds one aggregate: Susie leaves it

        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence, Snapshot::eventId)
                .containsExactly(2L, store.all().get(1).id());
        assertThat(snapshots.read(TOM)).isEmpty();
        int loadedBefore = store.loadedEvents.get();
        int fullLoadsBefore = store.fullLoads.get();

        assertThat(engine(rarely, 10).read(SUSIE)).isEqualTo(new Folded<>(new Balance(30), 2));
        assertThat(store.fullLoads.get() - fullLoadsBefore).isZero();
        assertThat(store.loadedEvents.get() - loadedBefore).isEqualTo(1); // the covered event, checked
    }

    @Test
    void without_eviction_snapshots_an_evicted_aggregate_leaves_none() throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(rarely.withoutEvictionSnapshots(), 1);
        first.handle(SUSIE, new Deposit(10));
        first.handle(TOM, new Deposit(1));
        first.handle(SUSIE, new Deposit(1));

        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(first.snapshotCached(WAIT)).isTrue();
        assertThat(snapshots.writes()).isZero();
    }

    @Test
    void an_aggregate_with_no_events_since_its_snapshot_leaves_no_new_one() throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(rarely, 1);
        first.handle(SUSIE, new Deposit(10));
        first.handle(TOM, new Deposit(1)); // Susie's snapshot
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isEqualTo(1);

        AggregateEngine<Wallet.Command, Wallet.Event, Balance> second = engine(rarely, 1);
        second.read(SUSIE); // from the snapshot, nothing after it
        second.read(TOM);   // Susie leaves again, unchanged
        second.read(SUSIE); // Tom leaves, folded from his events with no snapshot yet: his first

        assertThat(second.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.writes()).isEqualTo(2);
        assertThat(snapshots.read(TOM)).get().extracting(Snapshot::sequence).isEqualTo(2L);
    }

    @Test
    void a_command_resent_after_its_aggregate_was_evicted_and_the_duplicate_window_passed_counts_once()
            throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(rarely, 1);
        first.handle(SUSIE, new Deposit(50));
        first.handle(SUSIE, new Withdraw(7), CommandOptions.defaults().withCommandId("pocket-money"));
        first.handle(TOM, new Deposit(1));
        assertThat(first.awaitSnapshots(WAIT)).isTrue();

        clock.advance(Duration.ofMinutes(3));
        Outcome<Wallet.Event, Balance> resent = engine(rarely, 10).handle(SUSIE, new Withdraw(7),
                CommandOptions.defaults().withCommandId("pocket-money"));

        assertThat(resent).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(7)), new Balance(43), 2));
        assertThat(store.all()).hasSize(3);
    }

    @Test
    void snapshot_cached_stores_one_snapshot_of_each_changed_aggregate_and_keeps_the_cache()
            throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarely, 10);
        engine.handle(SUSIE, new Deposit(10));
        engine.handle(TOM, new Deposit(1));
        engine.handle(SUSIE, new Deposit(5));

        assertThat(engine.snapshotCached(WAIT)).isTrue();

        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence).isEqualTo(3L);
        assertThat(snapshots.read(TOM)).get().extracting(Snapshot::sequence).isEqualTo(2L);
        assertThat(snapshots.writes()).isEqualTo(2);
        int loadedBefore = store.loadedEvents.get();
        assertThat(engine.handle(SUSIE, new Deposit(1))).isInstanceOf(Outcome.Accepted.class);
        assertThat(store.loadedEvents.get()).as("still cached").isEqualTo(loadedBefore);

        assertThat(engine.snapshotCached(WAIT)).isTrue();
        assertThat(snapshots.writes()).as("only Susie changed since").isEqualTo(3);
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence).isEqualTo(4L);
    }

    @Test
    void without_eviction_snapshots_snapshot_cached_leaves_the_periodic_count_as_it_was() throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(
                Snapshots.in(snapshots).withEvery(3).withSlowLoad(Duration.ofHours(1)).withoutEvictionSnapshots(), 10);
        engine.handle(SUSIE, new Deposit(1));
        engine.handle(SUSIE, new Deposit(2));

        assertThat(engine.snapshotCached(WAIT)).isTrue();
        engine.handle(SUSIE, new Deposit(3)); // the third event since the start: the periodic one is due

        assertThat(engine.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence).isEqualTo(3L);
    }

    @Test
    void snapshot_cached_gives_up_at_its_deadline_when_the_writer_has_no_room() {
        CountDownLatch release = new CountDownLatch(1);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarelyIn(blockedUntil(release)), 2_000);
        try {
            for (int i = 0; i < 1_100; i++) { // the writer holds 1,000 pending, and is stuck on the first 16
                engine.handle("wallets.kid" + i, new Deposit(1));
            }
            long started = System.nanoTime();
            try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {

                assertThat(engine.snapshotCached(Duration.ofMillis(200))).isFalse();

                assertThat(log.messages()).as("none handed in to be dropped").noneMatch(m -> m.contains("dropping"));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(snapshots.writes()).isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void an_interrupted_snapshot_cached_returns_false_and_keeps_the_flag() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarelyIn(blockedUntil(release)), 10);
        engine.handle(SUSIE, new Deposit(1));
        try {
            CompletableFuture<boolean[]> result = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                Thread.currentThread().interrupt();
                boolean stored = engine.snapshotCached(WAIT);
                result.complete(new boolean[] {stored, Thread.currentThread().isInterrupted()});
            });

            assertThat(result.get(5, TimeUnit.SECONDS)).containsExactly(false, true);
        } finally {
            release.countDown();
        }
    }

    /** Snapshots in {@code store}, periodic ones too far apart to be taken here and no slow-load ones. */
    private static Snapshots rarelyIn(SnapshotStore store) {
        return Snapshots.in(store).withEvery(1_000).withSlowLoad(Duration.ofHours(1));
    }

    /** A snapshot store that runs {@code before} ahead of each write, then writes to {@link #snapshots}. */
    private SnapshotStore writingAfter(Runnable before) {
        return new SnapshotStore() {
            @Override
            public Optional<Snapshot> read(String subject) {
                return snapshots.read(subject);
            }

            @Override
            public void write(Snapshot snapshot) {
                before.run();
                snapshots.write(snapshot);
            }
        };
    }

    /** A snapshot store whose writes wait until {@code release} (at most 10 s, then fail), then go to {@link #snapshots}. */
    private SnapshotStore blockedUntil(CountDownLatch release) {
        return writingAfter(() -> {
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked", e);
            }
        });
    }

    @Test
    void snapshot_cached_does_nothing_with_snapshots_off() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(Snapshots.none(), 10);
        engine.handle(SUSIE, new Deposit(10));

        assertThat(engine.snapshotCached(Duration.ZERO)).isTrue();
    }

    @Test
    void snapshot_cached_waits_for_room_rather_than_dropping_snapshots() {
        // the writer falls behind, as it would behind a network
        SnapshotStore slow = writingAfter(() -> LockSupport.parkNanos(50_000));
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarelyIn(slow), 3_000);
        for (int i = 0; i < 2_500; i++) { // more than the writer holds pending (1,000)
            engine.handle("wallets.kid" + i, new Deposit(1));
        }

        assertThat(engine.snapshotCached(WAIT)).isTrue();

        assertThat(snapshots.writes()).isEqualTo(2_500);
    }

    @Test
    void snapshot_cached_says_when_the_snapshots_were_not_stored_in_time() {
        CountDownLatch release = new CountDownLatch(1);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarelyIn(blockedUntil(release)), 10);
        engine.handle(SUSIE, new Deposit(1));
        try {
            assertThat(engine.snapshotCached(Duration.ofMillis(100))).isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void evictions_racing_the_evicted_aggregates_own_commands_fail_nothing_and_leave_snapshots_that_fold_right()
            throws Exception {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(rarely, 2); // 8 wallets: most commands evict one
        int writers = 16;
        int each = 300;
        Map<String, long[]> last = new ConcurrentHashMap<>(); // wallet -> {sequence, writer, command}
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(writer);
                    for (int i = 0; i < each; i++) {
                        String wallet = "wallets.w" + random.nextInt(8);
                        Outcome<Wallet.Event, Balance> outcome = engine.handle(wallet, new Deposit(1),
                                CommandOptions.defaults().withCommandId(writer + "-" + i));
                        long sequence = ((Outcome.Accepted<Wallet.Event, Balance>) outcome).sequence();
                        last.merge(wallet, new long[] {sequence, writer, i}, (a, b) -> a[0] >= b[0] ? a : b);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(20, TimeUnit.SECONDS); // an eviction that broke a command would throw here
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(engine.snapshotCached(WAIT)).isTrue();
        assertThat(snapshots.writes()).isGreaterThan(100);

        clock.advance(Duration.ofMinutes(3)); // past the store's duplicate window: only the snapshots know the ids
        int total = 0;
        for (int w = 0; w < 8; w++) {
            String wallet = "wallets.w" + w;
            Folded<Balance> fromSnapshot = engine(rarely, 10).read(wallet);
            assertThat(fromSnapshot).isEqualTo(AggregateEngine.of(store, new Wallet()).read(wallet));
            total += fromSnapshot.state().amount();
            long[] newest = last.get(wallet);
            Outcome<Wallet.Event, Balance> resent = engine(rarely, 10).handle(wallet, new Deposit(1),
                    CommandOptions.defaults().withCommandId(newest[1] + "-" + newest[2]));
            assertThat(resent).isInstanceOf(Outcome.Duplicate.class);
        }
        assertThat(total).isEqualTo(writers * each);
        assertThat(store.all()).hasSize(writers * each);
    }
}
