package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Check;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Deposited;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.decider.Decider;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.Expected;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counting;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on its own: plain Java calls, an in-memory store, another engine playing another process. */
class AggregateEngineTest {

    private static final String SUSIE = "wallets.susie";

    private final Counting store = Wallet.store();
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet());
    /** Another process on the same store, with a cache of its own. */
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> elsewhere = AggregateEngine.of(store, new Wallet());

    @Test
    void accepts_a_command_with_its_events_the_new_state_and_the_sequence() {
        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(20));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Deposited(20)), new Balance(20), 1));
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Deposited(20));
    }

    @Test
    void rejects_with_the_domains_message_and_stores_nothing() {
        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(5));

        assertThat(outcome).isEqualTo(new Outcome.Rejected<>(Wallet.INSUFFICIENT));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void a_command_on_a_warm_aggregate_costs_one_store_round_trip() {
        engine.handle(SUSIE, new Deposit(20));
        int before = store.roundTrips();

        engine.handle(SUSIE, new Withdraw(5));
        engine.handle(SUSIE, new Deposit(1));

        assertThat(store.roundTrips() - before).isEqualTo(2);
        assertThat(store.appends).hasValue(3);
        assertThat(engine.read(SUSIE)).isEqualTo(new Folded<>(new Balance(16), 3));
    }

    @Test
    void never_refuses_on_old_data_a_rejection_is_confirmed_against_the_store() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(20));   // engine's cache still says 5

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(10));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Withdrawn(10)), new Balance(15), 3));
        assertThat(store.topUps).hasValue(1);
    }

    @Test
    void a_rejection_on_a_current_cache_costs_one_round_trip_to_confirm_it() {
        engine.handle(SUSIE, new Deposit(5));
        int before = store.roundTrips();

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(10));

        assertThat(outcome).isEqualTo(new Outcome.Rejected<>(Wallet.INSUFFICIENT));
        assertThat(store.roundTrips() - before).isEqualTo(1);
        assertThat(store.topUps).hasValue(1);
    }

    @Test
    void an_empty_decision_answers_with_the_current_state_and_sequence() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(7));

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Check());

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(), new Balance(12), 2));
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void a_conflict_with_another_process_reads_the_new_events_and_decides_again() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Withdraw(5));   // engine's cache still says 5

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(5));

        assertThat(outcome).isEqualTo(new Outcome.Rejected<>(Wallet.INSUFFICIENT));
        assertThat(store.conflicts).hasValue(1);
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Deposited(5), new Withdrawn(5));
    }

    @Test
    void a_client_expectation_is_checked_against_the_store_not_the_cache() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(5));   // the client saw sequence 2 from the other process

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(10),
                CommandOptions.defaults().withExpected(Expected.sequence(2)));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Withdrawn(10)), new Balance(0), 3));
    }

    @Test
    void a_client_expectation_that_does_not_hold_is_a_conflict_with_the_current_sequence() {
        engine.handle(SUSIE, new Deposit(5));
        engine.handle(SUSIE, new Deposit(5));

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(1),
                CommandOptions.defaults().withExpected(Expected.sequence(1)));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Conflict.class, conflict -> {
            assertThat(conflict.actual()).isEqualTo(2);
            assertThat(conflict.message()).isEqualTo("expected sequence 1 but wallets.susie is at 2: refresh and decide again");
        });
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void a_client_expectation_is_never_retried() {
        engine.handle(SUSIE, new Deposit(5));
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            store.appendBehindTheBack(subject, new Deposited(1));
        };

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(1),
                CommandOptions.defaults().withExpected(Expected.sequence(1)));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Conflict.class, c -> assertThat(c.actual()).isEqualTo(2));
        assertThat(store.appends).hasValue(2);
    }

    @Test
    void events_get_ids_from_the_command_id_and_its_causation_correlation_and_caller_metadata() {
        engine.handle(SUSIE, new Deposit(5), CommandOptions.defaults().withCommandId("c-42")
                .withCorrelationId("flow-7").withMeta("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        StoredEvent stored = store.all().getFirst();
        assertThat(stored.id()).isEqualTo("c-42-0");
        assertThat(stored.meta()).containsEntry(CommandOptions.CAUSATION_ID, "c-42")
                .containsEntry(CommandOptions.CORRELATION_ID, "flow-7")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void a_generated_command_id_comes_from_the_stores_id_source_and_is_its_own_correlation() {
        engine.handle(SUSIE, new Deposit(5));

        StoredEvent stored = store.all().getFirst();
        String commandId = stored.meta().get(CommandOptions.CAUSATION_ID);
        assertThat(stored.id()).isEqualTo(commandId + "-0");
        assertThat(stored.meta()).containsEntry(CommandOptions.CORRELATION_ID, commandId);
    }

    @Test
    void reloads_in_full_when_the_subject_went_back_behind_the_cache() {
        // a store that stays behind what the cache saw is believed after the catch-up timeout
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withCatchUpTimeout(Duration.ofMillis(20)));
        engine.handle(SUSIE, new Deposit(5));
        store.clear();   // the stream was recreated

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(3));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Deposited(3)), new Balance(3), 1));
        assertThat(store.fullLoads).hasValue(2);
    }

    @Test
    void reads_the_current_state_and_sequence_including_other_processes_writes() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(6));

        assertThat(engine.read(SUSIE)).isEqualTo(new Folded<>(new Balance(11), 2));
        assertThat(engine.read("wallets.*")).isEqualTo(new Folded<>(new Balance(11), 2));
        assertThat(engine.read("wallets.nobody")).isEqualTo(new Folded<>(new Balance(0), 0));
    }

    @Test
    void keeps_at_most_cache_size_aggregates_least_recently_used_out_first() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> small = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withCacheSize(2));
        small.handle("wallets.a", new Deposit(1));
        small.handle("wallets.b", new Deposit(1));
        small.handle("wallets.a", new Deposit(1));
        small.handle("wallets.c", new Deposit(1));   // evicts b, used least recently
        int loads = store.fullLoads.get();

        small.handle("wallets.a", new Deposit(1));
        small.handle("wallets.b", new Deposit(1));

        assertThat(store.fullLoads.get() - loads).isEqualTo(1);
    }

    @Test
    void a_decider_that_throws_fails_only_that_command_and_stores_nothing_of_it() {
        Decider<Wallet.Command, Wallet.Event, Balance> broken = Decider.of(new Balance(0), (state, command) -> {
            throw new IllegalStateException("bug in decide");
        }, (state, event) -> state);
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> faulty = AggregateEngine.of(store, broken);

        assertThatThrownBy(() -> faulty.handle(SUSIE, new Deposit(1))).hasMessage("bug in decide");
        assertThat(store.all()).isEmpty();
        assertThat(engine.handle(SUSIE, new Deposit(1))).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void a_decider_that_returns_null_is_told_what_to_return() {
        Decider<Wallet.Command, Wallet.Event, Balance> careless = Decider.of(new Balance(0), (state, command) -> null,
                (state, event) -> state);

        assertThatThrownBy(() -> AggregateEngine.of(store, careless).handle(SUSIE, new Check()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("return List.of()");
    }

    sealed interface Note {
    }

    record Written(String text) implements Note {
    }

    sealed interface Erasure extends Note {
    }

    record Erased() implements Erasure {
    }

    record Restored() implements Erasure {
    }

    /** Decides notes; the store's registry below knows only {@link Written}. */
    static final class Notes implements Decider<String, Note, Integer> {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public List<Note> decide(Integer state, String command) {
            return List.of(new Written(command));
        }

        @Override
        public Integer evolve(Integer state, Note event) {
            return state + 1;
        }
    }

    /**
     * A decider whose sealed event type permits records the store's registry does not know is
     * refused when its engine is made (as a service starts), naming them: it used to pass its
     * tests and fail the first command that decided such an event with a 500.
     */
    @Test
    void refuses_a_decider_whose_events_the_stores_registry_does_not_know() {
        InMemoryEventStore notes = new InMemoryEventStore("notes",
                RitaOptions.defaults().withTypes(TypeRegistry.builder().add("written", Written.class).build()));

        assertThatThrownBy(() -> AggregateEngine.of(notes, new Notes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Notes.class.getName() + " decides " + Note.class.getName() + ", but the TypeRegistry of"
                        + " store 'notes' has no event type for [" + Erased.class.getName() + ", " + Restored.class.getName()
                        + "]: annotate each with @EventType(\"...\") in a package that TypeRegistry.scan covers, or add"
                        + " it with TypeRegistry.builder().add(name, type), and give the registry to the store"
                        + " (RitaOptions.withTypes)");

        InMemoryEventStore known = new InMemoryEventStore("notes", RitaOptions.defaults().withTypes(
                TypeRegistry.builder().add("written", Written.class).add("erased", Erased.class)
                        .add("restored", Restored.class).build()));
        assertThat(AggregateEngine.of(known, new Notes()).handle("notes.1", "hello"))
                .isInstanceOf(Outcome.Accepted.class);
        // events the type does not name (here: any String) are not checked
        assertThat(AggregateEngine.of(notes, new Strings())).isNotNull();
    }

    @Test
    void an_event_the_decider_cannot_fold_names_its_type_subject_and_sequence() {
        store.store.append(SUSIE, List.of(io.rita.eventstore.Event.of(new Deposited(1))));
        AggregateEngine<String, String, Integer> strings = AggregateEngine.of(store, new Strings());

        assertThatThrownBy(() -> strings.read(SUSIE)).isInstanceOfSatisfying(EventDecodingException.class, e -> {
            assertThat(e.type()).isEqualTo("deposited");
            assertThat(e.subject()).isEqualTo(SUSIE);
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.getMessage()).contains("Retrying will not help");
        });
    }

    @Test
    void reports_every_command_to_the_observer_and_an_observer_that_throws_fails_nothing() {
        List<CommandReport> reports = new java.util.ArrayList<>();
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> observed = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withObserver(report -> {
                    reports.add(report);
                    throw new IllegalStateException("observer broke");
                }));

        observed.handle(SUSIE, new Deposit(5), CommandOptions.defaults().withOrigin("deposit"));
        elsewhere.handle(SUSIE, new Deposit(1));
        Outcome<Wallet.Event, Balance> second = observed.handle(SUSIE, new Withdraw(9));

        assertThat(second).isInstanceOf(Outcome.Rejected.class);
        assertThat(reports).extracting(CommandReport::origin, CommandReport::result, CommandReport::attempts,
                        CommandReport::cached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deposit", CommandReport.Result.ACCEPTED, 1, false),
                        org.assertj.core.groups.Tuple.tuple(null, CommandReport.Result.REJECTED, 2, true));
    }

    @Test
    void refuses_a_subject_that_is_not_concrete_for_a_command() {
        assertThatThrownBy(() -> engine.handle("wallets.*", new Deposit(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.read("wallets..x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.roundTrips()).isZero();
    }

    /** A decider whose events are strings, to meet events of another type. */
    static final class Strings implements Decider<String, String, Integer> {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public List<String> decide(Integer state, String command) {
            return List.of(command);
        }

        @Override
        public Integer evolve(Integer state, String event) {
            return state + 1;
        }
    }
}
