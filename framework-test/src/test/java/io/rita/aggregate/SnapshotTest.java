package io.rita.aggregate;

import io.nats.client.NUID;
import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Deposited;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.decider.Decider;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;
import io.rita.service.Counting;
import io.rita.service.MovableClock;
import io.rita.service.StuckSnapshots;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.test.memory.InMemorySnapshotStore;
import io.rita.types.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots in the engine, on the in-memory stores: faster cold loads, never wrong ones. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnapshotTest {

    private static final String SUSIE = "wallets.susie";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Counting store = new Counting(new InMemoryEventStore("wallets",
            RitaOptions.defaults().withTypes(Wallet.TYPES).withClock(clock).withIds(NUID::nextGlobal)));
    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    private final Snapshots every5 = Snapshots.in(snapshots).withEvery(5).withSlowLoad(Duration.ofHours(1));

    private AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine(Snapshots options) {
        return AggregateEngine.of(store, new Wallet(), EngineOptions.defaults().withSnapshots(options));
    }

    /** Deposits 1 to n, one command each; returns the engine, its snapshots written. */
    private AggregateEngine<Wallet.Command, Wallet.Event, Balance> deposits(int n) throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(every5);
        for (int i = 1; i <= n; i++) {
            first.handle(SUSIE, new Deposit(i));
        }
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        return first;
    }

    @Test
    void a_snapshot_is_taken_every_n_events_with_the_sequence_it_covers() throws InterruptedException {
        deposits(4);
        assertThat(snapshots.read(SUSIE)).isEmpty();

        deposits(1); // a cold engine folds the four, then the fifth event makes one due
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence, Snapshot::eventId, Snapshot::version)
                .containsExactly(5L, store.all().get(4).id(), 1);
    }

    @Test
    void a_cold_load_reads_the_snapshot_and_only_the_events_after_it() throws InterruptedException {
        deposits(12); // snapshots at 5 and 10
        int loadedBefore = store.loadedEvents.get();
        int fullLoadsBefore = store.fullLoads.get();

        Outcome<Wallet.Event, Balance> outcome = engine(every5).handle(SUSIE, new Withdraw(78));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Withdrawn(78)), new Balance(0), 13));
        assertThat(store.fullLoads.get() - fullLoadsBefore).isZero();
        assertThat(store.loadedEvents.get() - loadedBefore).isEqualTo(3); // 10 (the covered one, checked), 11, 12
    }

    @Test
    void a_read_from_a_snapshot_equals_the_fold_of_every_event() throws InterruptedException {
        deposits(23);

        assertThat(engine(every5).read(SUSIE)).isEqualTo(AggregateEngine.of(store, new Wallet()).read(SUSIE))
                .isEqualTo(new Folded<>(new Balance(276), 23));
    }

    @Test
    void a_command_resent_after_a_snapshot_counts_once() throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(every5);
        first.handle(SUSIE, new Deposit(50));
        first.handle(SUSIE, new Withdraw(7), CommandOptions.defaults().withCommandId("pocket-money"));
        for (int i = 0; i < 8; i++) {
            first.handle(SUSIE, new Deposit(1));
        }
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence).isEqualTo(10L);

        // a restarted process, after JetStream's duplicate window: the command's events lie before the
        // snapshot, so only the snapshot knows it
        clock.advance(Duration.ofMinutes(3));
        Outcome<Wallet.Event, Balance> resent = engine(every5).handle(SUSIE, new Withdraw(7),
                CommandOptions.defaults().withCommandId("pocket-money"));

        assertThat(resent).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(7)), new Balance(51), 2));
        assertThat(store.all()).hasSize(10);
    }

    @Test
    void a_snapshot_of_another_state_version_is_ignored() throws InterruptedException {
        deposits(10);

        AggregateEngine<Wallet.Command, Wallet.Event, Balance> version2 = engine(every5.withVersion(2));

        assertThat(version2.read(SUSIE)).isEqualTo(new Folded<>(new Balance(55), 10));
        assertThat(store.fullLoads).hasValue(2); // the first engine's and this one's
    }

    @Test
    void a_corrupt_snapshot_is_ignored() {
        AggregateEngine.of(store, new Wallet()).handle(SUSIE, new Deposit(3));
        String id = store.all().getFirst().id();
        snapshots.write(new Snapshot(SUSIE, 1, id, 1, "not a snapshot".getBytes(StandardCharsets.UTF_8)));

        assertThat(engine(every5).read(SUSIE)).isEqualTo(new Folded<>(new Balance(3), 1));
        assertThat(store.fullLoads).hasValue(2);
    }

    @Test
    void a_snapshot_whose_state_does_not_decode_is_ignored() throws InterruptedException {
        deposits(5);
        // the same bytes read as another state type: the codec refuses them
        record Other(String name) {
        }
        Snapshot good = snapshots.read(SUSIE).orElseThrow();
        byte[] wrongState = SnapshotFormat.encode(new SnapshotFormat.Parts(Balance.class.getName(), "json",
                "{\"amount\":\"lots\"}".getBytes(StandardCharsets.UTF_8), List.of()));
        snapshots.write(new Snapshot(SUSIE, good.sequence(), good.eventId(), 1, wrongState));

        assertThat(engine(every5).read(SUSIE)).isEqualTo(new Folded<>(new Balance(15), 5));
        assertThat(engine(every5.withStateType(Other.class)).read(SUSIE)).isEqualTo(new Folded<>(new Balance(15), 5));
    }

    @Test
    void a_snapshot_of_an_earlier_life_of_the_stream_is_ignored() throws InterruptedException {
        deposits(10);
        store.clear(); // the stream deleted and created again: sequences start over
        for (int i = 0; i < 12; i++) {
            store.appendBehindTheBack(SUSIE, new Deposited(100));
        }

        assertThat(engine(every5).read(SUSIE)).isEqualTo(new Folded<>(new Balance(1_200), 12));
    }

    @Test
    void a_read_of_many_aggregates_is_folded_and_never_snapshotted() throws InterruptedException {
        deposits(5);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> all =
                engine(Snapshots.in(snapshots).withEvery(1).withSlowLoad(Duration.ZERO));
        long writes = snapshots.writes();

        try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {
            assertThat(all.read("wallets.*")).isEqualTo(new Folded<>(new Balance(15), 5));
            assertThat(all.awaitSnapshots(WAIT)).isTrue();
            assertThat(log.messages()).isEmpty();
        }
        assertThat(snapshots.writes()).isEqualTo(writes);
    }

    @Test
    void a_slow_cold_load_takes_a_snapshot_however_few_events_it_read() throws InterruptedException {
        AggregateEngine.of(store, new Wallet()).handle(SUSIE, new Deposit(3));
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> slow =
                engine(Snapshots.in(snapshots).withEvery(1_000).withSlowLoad(Duration.ZERO));

        slow.read(SUSIE);

        assertThat(slow.awaitSnapshots(WAIT)).isTrue();
        // taken after a load, not a command: it names the loaded event it covers, so that it is used
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence, Snapshot::eventId)
                .containsExactly(1L, store.all().get(0).id());
    }

    @Test
    void a_failing_snapshot_store_never_fails_a_command() {
        SnapshotStore broken = new SnapshotStore() {
            @Override
            public Optional<Snapshot> read(String subject) {
                throw new IllegalStateException("snapshot store down");
            }

            @Override
            public void write(Snapshot snapshot) {
                throw new IllegalStateException("snapshot store down");
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(Snapshots.in(broken).withEvery(1));

        for (int i = 1; i <= 3; i++) {
            assertThat(engine.handle(SUSIE, new Deposit(1))).isInstanceOf(Outcome.Accepted.class);
        }
        engine.forgetAll();
        assertThat(engine.read(SUSIE)).isEqualTo(new Folded<>(new Balance(3), 3));
    }

    @Test
    void a_failing_snapshot_store_is_logged_once_and_once_more_when_it_works_again() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        SnapshotStore flaky = new SnapshotStore() {
            @Override
            public Optional<Snapshot> read(String subject) {
                return Optional.empty();
            }

            @Override
            public void write(Snapshot snapshot) {
                if (down.get()) {
                    throw new IllegalStateException("snapshot store down");
                }
                snapshots.write(snapshot);
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(Snapshots.in(flaky).withEvery(1));
        try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {
            for (int i = 1; i <= 5; i++) {
                engine.handle(SUSIE, new Deposit(1));
                assertThat(engine.awaitSnapshots(WAIT)).isTrue();
            }
            down.set(false);
            engine.handle(SUSIE, new Deposit(1));
            assertThat(engine.awaitSnapshots(WAIT)).isTrue();

            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().getFirst()).contains("cannot be stored");
            assertThat(log.messages().getLast()).contains("stored again");
        }
        assertThat(snapshots.read(SUSIE)).get().extracting(Snapshot::sequence).isEqualTo(6L);
    }

    @Test
    void an_ignored_snapshot_is_one_log_line_that_says_why() {
        AggregateEngine.of(store, new Wallet()).handle(SUSIE, new Deposit(3));
        snapshots.write(new Snapshot(SUSIE, 1, store.all().getFirst().id(), 7, new byte[] {1, 2, 3}));

        try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {
            assertThat(engine(every5).read(SUSIE)).isEqualTo(new Folded<>(new Balance(3), 1));

            assertThat(log.messages()).containsExactly("ignoring the snapshot of wallets.susie: it is of state version 7,"
                    + " not 1; folding it from its events");
        }
    }

    @Test
    void a_snapshot_that_cannot_be_read_is_one_log_line_with_the_stores_own_words() {
        AggregateEngine.of(store, new Wallet()).handle(SUSIE, new Deposit(3));
        SnapshotStore down = new SnapshotStore() {
            @Override
            public Optional<Snapshot> read(String subject) {
                throw new IllegalStateException("snapshot store down");
            }

            @Override
            public void write(Snapshot snapshot) {
            }
        };

        try (LogRecords log = LogRecords.of(Snapshots.class.getName())) {
            assertThat(engine(Snapshots.in(down)).read(SUSIE)).isEqualTo(new Folded<>(new Balance(3), 1));

            assertThat(log.messages()).containsExactly("ignoring the snapshot of wallets.susie: it could not be read"
                    + " (snapshot store down); folding it from its events");
        }
    }

    @Test
    void storing_a_snapshot_never_delays_a_reply() throws InterruptedException {
        StuckSnapshots stuck = new StuckSnapshots();
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(Snapshots.in(stuck).withEvery(1));
        try {
            for (int i = 1; i <= 20; i++) { // the whole test has a 30 s timeout: a blocked reply fails it
                assertThat(engine.handle(SUSIE, new Deposit(1))).isInstanceOf(Outcome.Accepted.class);
            }
            assertThat(engine.awaitSnapshots(Duration.ofMillis(50))).isFalse(); // the writer is still stuck
        } finally {
            stuck.release();
        }
        assertThat(engine.awaitSnapshots(WAIT)).isTrue();
    }

    @Test
    void a_decider_that_does_not_declare_its_state_type_must_name_it() throws InterruptedException {
        Decider<Wallet.Command, Wallet.Event, Balance> lambdas = Decider.of(new Balance(0),
                (state, command) -> List.of(), (state, event) -> state);

        assertThatThrownBy(() -> AggregateEngine.of(store, lambdas, EngineOptions.defaults().withSnapshots(every5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Snapshots.withStateType");
        Decider<Wallet.Command, Wallet.Event, Balance> depositing = Decider.of(new Balance(0),
                (state, command) -> List.of(new Deposited(1)),
                (state, event) -> new Balance(state.amount() + ((Deposited) event).amount()));
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> named = AggregateEngine.of(store, depositing,
                EngineOptions.defaults().withSnapshots(every5.withStateType(Balance.class)));
        for (int i = 1; i <= 5; i++) {
            named.handle(SUSIE, new Deposit(1));
        }
        assertThat(named.awaitSnapshots(WAIT)).isTrue();
        assertThat(AggregateEngine.of(store, depositing, EngineOptions.defaults()
                .withSnapshots(every5.withStateType(Balance.class))).read(SUSIE)).isEqualTo(new Folded<>(new Balance(5), 5));
        assertThat(store.fullLoads).as("the second engine started from the snapshot").hasValue(1);
    }

    @Test
    void a_snapshot_with_its_own_codec_round_trips() throws InterruptedException {
        AtomicInteger encoded = new AtomicInteger();
        AtomicInteger decoded = new AtomicInteger();
        Codec json = Codec.json(Codec.jsonMapper());
        Codec own = new Codec() { // JSON under another name, counting its use: not the registry's codec
            @Override
            public String name() {
                return "own-json";
            }

            @Override
            public byte[] encode(Object value) {
                encoded.incrementAndGet();
                return json.encode(value);
            }

            @Override
            public <T> T decode(byte[] data, Class<T> type) {
                decoded.incrementAndGet();
                return json.decode(data, type);
            }
        };
        Snapshots ownCodec = every5.withCodec(own);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine(ownCodec);
        for (int i = 1; i <= 5; i++) {
            first.handle(SUSIE, new Deposit(2));
        }
        assertThat(first.awaitSnapshots(WAIT)).isTrue();
        assertThat(SnapshotFormat.decode(snapshots.read(SUSIE).orElseThrow().data()).codec()).isEqualTo("own-json");
        assertThat(encoded).hasValue(1);

        assertThat(engine(ownCodec).read(SUSIE)).isEqualTo(new Folded<>(new Balance(10), 5));
        assertThat(store.fullLoads).hasValue(1);
        assertThat(decoded).hasValue(1);
    }
}
