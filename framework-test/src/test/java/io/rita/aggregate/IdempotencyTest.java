package io.rita.aggregate;

import io.nats.client.NUID;
import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.UnknownTypes;
import io.rita.internal.StoreSetupException;
import io.rita.service.Counting;
import io.rita.service.MovableClock;
import io.rita.test.memory.InMemoryEventStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A command counts once however often and wherever it is sent, by its command id. */
class IdempotencyTest {

    private static final String SUSIE = "wallets.susie";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final Counting store = new Counting(new InMemoryEventStore("wallets",
            RitaOptions.defaults().withTypes(Wallet.TYPES).withClock(clock).withIds(NUID::nextGlobal)));
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet());
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> elsewhere = AggregateEngine.of(store, new Wallet());

    private static CommandOptions id(String commandId) {
        return CommandOptions.defaults().withCommandId(commandId);
    }

    @Test
    void a_resent_command_is_a_duplicate_with_the_first_answer_and_stores_nothing() {
        engine.handle(SUSIE, new Deposit(10));
        engine.handle(SUSIE, new Withdraw(3), id("w-1"));
        engine.handle(SUSIE, new Deposit(1));

        Outcome<Wallet.Event, Balance> again = engine.handle(SUSIE, new Withdraw(3), id("w-1"));

        assertThat(again).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(3)), new Balance(8), 2));
        assertThat(store.all()).hasSize(3);
    }

    @Test
    void a_resend_after_the_duplicate_window_to_another_process_counts_once() {
        engine.handle(SUSIE, new Deposit(10));
        engine.handle(SUSIE, new Withdraw(3), id("w-1"));
        clock.advance(Duration.ofMinutes(3));   // JetStream would have forgotten the id

        Outcome<Wallet.Event, Balance> again = elsewhere.handle(SUSIE, new Withdraw(3), id("w-1"));

        assertThat(again).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(3)), new Balance(7), 2));
        assertThat(store.all()).hasSize(2);
    }

    // A duplicate acknowledgement means the command is stored. If the store is gone when the engine
    // reads on (deleted that moment), the failure must not say "nothing was stored", which the
    // dispatcher would pass on to the client as "sending it again will not help".
    @Test
    void a_store_gone_after_a_duplicate_acknowledgement_never_says_nothing_was_stored() {
        AtomicBoolean gone = new AtomicBoolean();
        Counting vanishing = new Counting(store) {
            @Override
            public AppendResult append(String subject, List<Event> events, Expected expected) {
                AppendResult appended = super.append(subject, events, expected);
                gone.set(appended.duplicate());
                return appended;
            }

            @Override
            public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
                if (gone.get()) {
                    throw new StoreSetupException(subject, "cannot read " + subject + ": store 'wallets' does not exist",
                            null);
                }
                return super.load(subject, afterSequence, unknown);
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> stale = AggregateEngine.of(vanishing, new Wallet());
        stale.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(10));
        elsewhere.handle(SUSIE, new Withdraw(3), id("w-y"));   // within the duplicate window

        assertThatThrownBy(() -> stale.handle(SUSIE, new Withdraw(3), id("w-y")))
                .isExactlyInstanceOf(EventStoreException.class)
                .hasMessageContaining("the commands may be stored: send them again with the same command ids")
                .hasCauseInstanceOf(StoreSetupException.class);
    }

    // The rule of docs/programming-model.md: an append acknowledged as a duplicate is not this
    // process's append. Here another process stored events this one has not seen, then the same
    // command; this process, deciding on its stale cache, gets the duplicate acknowledgement. If it
    // took the acknowledgement as its own success, it would cache 5 - 3 = 2 at sequence 3 and refuse
    // the withdrawal of 12 below.
    @Test
    void a_duplicate_acknowledgement_is_never_taken_for_this_processs_own_append() {
        engine.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Deposit(10));
        elsewhere.handle(SUSIE, new Withdraw(3), id("w-x"));   // within the duplicate window

        Outcome<Wallet.Event, Balance> resent = engine.handle(SUSIE, new Withdraw(3), id("w-x"));

        assertThat(resent).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(3)), new Balance(12), 3));
        assertThat(engine.handle(SUSIE, new Withdraw(12)))
                .isEqualTo(new Outcome.Accepted<>(List.of(new Withdrawn(12)), new Balance(0), 4));
        assertThat(store.all()).hasSize(4);
    }

    @Test
    void a_duplicate_acknowledgement_is_answered_even_without_recent_commands() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> forgetful = AggregateEngine.of(store, new Wallet(),
                EngineOptions.defaults().withRecentCommands(0));
        forgetful.handle(SUSIE, new Deposit(5));
        elsewhere.handle(SUSIE, new Withdraw(3), id("w-y"));

        Outcome<Wallet.Event, Balance> resent = forgetful.handle(SUSIE, new Withdraw(3), id("w-y"));

        assertThat(resent).isInstanceOfSatisfying(Outcome.Duplicate.class, d -> assertThat(d.sequence()).isEqualTo(2));
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void a_rejected_command_stored_nothing_and_is_decided_again_when_resent() {
        assertThat(engine.handle(SUSIE, new Withdraw(3), id("w-1"))).isInstanceOf(Outcome.Rejected.class);
        engine.handle(SUSIE, new Deposit(5));

        assertThat(engine.handle(SUSIE, new Withdraw(3), id("w-1"))).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void a_command_id_used_on_another_aggregate_is_refused_and_nothing_is_stored() {
        engine.handle(SUSIE, new Deposit(5), id("reused"));

        assertThatThrownBy(() -> engine.handle("wallets.tom", new Deposit(1), id("reused")))
                .isInstanceOf(DuplicateEventIdException.class);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void refuses_ids_that_could_not_travel_as_headers() {
        for (String bad : new String[] {"", "with space", "caf\u00e9", "x".repeat(129)}) {
            assertThatThrownBy(() -> id(bad)).as("id '%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> CommandOptions.defaults().withMeta(CommandOptions.CAUSATION_ID, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_id_generator_that_gives_a_bad_id_is_named_and_nothing_is_stored() {
        for (String bad : new String[] {null, "", "with space"}) {
            Counting badIds = new Counting(new InMemoryEventStore("wallets",
                    RitaOptions.defaults().withTypes(Wallet.TYPES).withIds(() -> bad)));
            AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(badIds, new Wallet());

            assertThatThrownBy(() -> engine.handle(SUSIE, new Deposit(5))).as("id %s", bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("id generator of RitaOptions").hasMessageContaining("fix the generator");
            assertThat(badIds.all()).isEmpty();
            // a command id from the caller needs no generated one
            assertThat(engine.handle(SUSIE, new Deposit(5), id("given"))).isInstanceOf(Outcome.Accepted.class);
            assertThat(badIds.all()).hasSize(1);
        }
    }
}
