package io.rita.aggregate;

import io.nats.client.Connection;
import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.Snapshot;
import io.rita.eventstore.SnapshotStore;
import io.rita.eventstore.StoreConfig;
import io.rita.service.Counting;
import io.rita.test.DuplicateWindows;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots on a real nats-server: the engine, the JetStream event store and its snapshot store. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JetStreamSnapshotsTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WINDOW = Duration.ofMillis(500);

    private Counting store;
    private JetStreamSnapshotStore snapshots;
    private String susie;

    @BeforeEach
    void newStores(TestInfo test) {
        String name = "w" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        Rita rita = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(Wallet.TYPES));
        // a short duplicate window, so that a resend can come after JetStream forgot the command's ids
        JetStreamEventStore events = rita.eventStore(StoreConfig.of(name).withDuplicateWindow(WINDOW));
        events.create();
        snapshots = rita.snapshotStore(name);
        snapshots.ensure();
        store = new Counting(events);
        susie = name + ".susie";
    }

    private AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine() {
        return AggregateEngine.of(store, new Wallet(), EngineOptions.defaults()
                .withSnapshots(Snapshots.in(snapshots).withEvery(10).withSlowLoad(Duration.ofHours(1))));
    }

    @Test
    void an_aggregate_evicted_from_the_cache_loads_cold_from_its_last_event_in_the_next_engine()
            throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withCacheSize(1)
                        .withSnapshots(Snapshots.in(snapshots).withEvery(10).withSlowLoad(Duration.ofHours(1))));
        for (int i = 0; i < 25; i++) {
            first.handle(susie, new Deposit(1)); // a periodic snapshot at 20
        }
        first.handle(susie.replace("susie", "tom"), new Deposit(5)); // Susie leaves the cache
        assertThat(first.awaitSnapshots(Duration.ofSeconds(10))).isTrue();
        assertThat(snapshots.read(susie)).get().extracting(Snapshot::sequence).isEqualTo(25L);
        int loadedBefore = store.loadedEvents.get();

        assertThat(engine().read(susie)).isEqualTo(new Folded<>(new Balance(25), 25));
        assertThat(store.loadedEvents.get() - loadedBefore).as("the covered event only").isEqualTo(1);
    }

    @Test
    void a_restarted_engine_loads_from_the_snapshot_and_resent_commands_still_count_once()
            throws Exception {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine();
        first.handle(susie, new Deposit(100));
        first.handle(susie, new Withdraw(30), CommandOptions.defaults().withCommandId("bike"));
        for (int i = 0; i < 23; i++) {
            first.handle(susie, new Deposit(1));
        }
        assertThat(first.awaitSnapshots(Duration.ofSeconds(10))).isTrue();
        assertThat(snapshots.read(susie)).get().extracting(Snapshot::sequence).isEqualTo(20L);
        int loadedBefore = store.loadedEvents.get();

        DuplicateWindows.awaitPassed(nats.connection(), susie + "-probe"); // the server forgets the ids by itself
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> restarted = engine();
        assertThat(restarted.read(susie)).isEqualTo(new Folded<>(new Balance(93), 25));
        assertThat(store.loadedEvents.get() - loadedBefore).isEqualTo(6); // 20 (checked) to 25

        Outcome<Wallet.Event, Balance> resent = restarted.handle(susie, new Withdraw(30),
                CommandOptions.defaults().withCommandId("bike"));
        assertThat(resent).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(30)), new Balance(93), 2));
        assertThat(restarted.read(susie).sequence()).isEqualTo(25);
    }

    @Test
    void a_long_history_is_loaded_from_its_snapshot_and_a_short_tail() throws InterruptedException {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine();
        for (int i = 0; i < 105; i++) {
            first.handle(susie, new Deposit(2));
        }
        assertThat(first.awaitSnapshots(Duration.ofSeconds(10))).isTrue();

        assertThat(engine().read(susie)).isEqualTo(new Folded<>(new Balance(210), 105))
                .isEqualTo(AggregateEngine.of(store, new Wallet()).read(susie));
    }

    @Test
    void a_cold_load_asks_for_the_events_cut_off_while_the_snapshot_is_on_its_way() throws Exception {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> first = engine();
        for (int i = 0; i < 13; i++) {
            first.handle(susie, new Deposit(1));
        }
        assertThat(first.awaitSnapshots(Duration.ofSeconds(10))).isTrue();
        CompletableFuture<Void> cutOffAsked = new CompletableFuture<>();
        AtomicReference<Boolean> releasedByCutOff = new AtomicReference<>();
        try (Connection listener = nats.connect()) {
            listener.createDispatcher(request -> {
                if (new String(request.getData(), StandardCharsets.UTF_8).contains("\"last_by_subj\":\"" + susie)) {
                    cutOffAsked.complete(null);
                }
            }).subscribe("$JS.API.DIRECT.GET." + store.name());
            listener.flush(Duration.ofSeconds(5));
            // the snapshot comes only once the event store was asked for the cut-off (or after 5 s, too late)
            SnapshotStore held = new SnapshotStore() {
                @Override
                public Optional<Snapshot> read(String subject) {
                    return readAsync(subject).join();
                }

                @Override
                public CompletableFuture<Optional<Snapshot>> readAsync(String subject) {
                    return cutOffAsked.thenApply(asked -> true).completeOnTimeout(false, 5, TimeUnit.SECONDS)
                            .thenCompose(byCutOff -> {
                                releasedByCutOff.set(byCutOff);
                                return snapshots.readAsync(subject);
                            });
                }

                @Override
                public void write(Snapshot snapshot) {
                    snapshots.write(snapshot);
                }
            };
            // the JetStream store itself (the counting wrapper would load as any store does: one after the other)
            AggregateEngine<Wallet.Command, Wallet.Event, Balance> restarted = AggregateEngine.of(store.store,
                    new Wallet(), EngineOptions.defaults().withSnapshots(Snapshots.in(held).withEvery(10)));

            assertThat(restarted.read(susie)).isEqualTo(new Folded<>(new Balance(13), 13));
            assertThat(releasedByCutOff).as("the cut-off asked for before the snapshot came").hasValue(true);
        }
    }
}
