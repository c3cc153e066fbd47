package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Deposited;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.decider.Decider;
import io.rita.eventstore.Expected;
import io.rita.service.Counting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How the engine answers when another writer got there first, and what it reports of each command. */
class ConflictRetryTest {

    private static final String SUSIE = "wallets.susie";

    private final Counting store = Wallet.store();
    private final List<CommandReport> reports = new ArrayList<>();

    private AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine(EngineOptions options) {
        return AggregateEngine.of(store, new Wallet(), options.withObserver(reports::add));
    }

    /** The next {@code times} appends find another writer's deposit of 1 stored just before them. */
    private void raceNext(int times) {
        AtomicInteger left = new AtomicInteger(times);
        store.beforeAppend = subject -> {
            if (left.getAndDecrement() > 0) {
                store.appendBehindTheBack(subject, new Deposited(1));
            }
        };
    }

    @Test
    void backs_off_between_attempts_after_a_conflict() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(EngineOptions.defaults()
                .withBackoff(Duration.ofMillis(40), Duration.ofMillis(40)));
        engine.handle(SUSIE, new Deposit(5));
        raceNext(2);

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(5));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Deposited(5)), new Balance(12), 4));
        assertThat(reports.getLast().attempts()).isEqualTo(3);
        assertThat(reports.getLast().took()).as("two pauses of 40 ms").isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void gives_up_after_the_most_attempts_with_a_conflict_at_the_last_sequence_seen() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(EngineOptions.defaults()
                .withMaxAttempts(3).withBackoff(Duration.ZERO, Duration.ZERO));
        engine.handle(SUSIE, new Deposit(5));
        raceNext(3);

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(5));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Conflict.class, conflict -> {
            assertThat(conflict.actual()).isEqualTo(4);
            assertThat(conflict.message()).isEqualTo("gave up on wallets.susie after 3 attempts: other writers kept"
                    + " changing it; send the command again");
        });
        assertThat(reports.getLast().result()).isEqualTo(CommandReport.Result.CONFLICT);
        assertThat(store.appends).hasValue(4);
    }

    @Test
    void a_client_expectation_that_fails_at_the_append_is_answered_without_reading_the_store_again() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(EngineOptions.defaults());
        engine.handle(SUSIE, new Deposit(5));
        raceNext(1);
        int topUps = store.topUps.get();

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(1),
                CommandOptions.defaults().withExpected(Expected.sequence(1)));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Conflict.class, c -> assertThat(c.actual()).isEqualTo(2));
        assertThat(store.topUps.get() - topUps).isZero();
        assertThat(reports.getLast().attempts()).isEqualTo(1);
    }

    @Test
    void reports_a_resend_as_a_duplicate_and_how_long_each_command_took() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = engine(EngineOptions.defaults());
        CommandOptions once = CommandOptions.defaults().withCommandId("c-1");

        engine.handle(SUSIE, new Deposit(5), once);
        engine.handle(SUSIE, new Deposit(5), once);

        assertThat(reports).extracting(CommandReport::result)
                .containsExactly(CommandReport.Result.ACCEPTED, CommandReport.Result.DUPLICATE);
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.took()).isBetween(Duration.ZERO, Duration.ofMinutes(1));
            assertThat(report.groupSize()).isEqualTo(1);
            assertThat(report.subject()).isEqualTo(SUSIE);
        });
    }

    @Test
    void an_aggregate_that_has_ended_refuses_every_command_and_stores_nothing() {
        Decider<Wallet.Command, Wallet.Event, Balance> closing = new Wallet() {
            @Override
            public boolean isTerminal(Balance state) {
                return state.amount() >= 100;   // full: the wallet is closed
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, closing);
        engine.handle(SUSIE, new Deposit(100));

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Withdraw(1));

        assertThat(outcome).isEqualTo(new Outcome.Rejected<>(
                "aggregate wallets.susie has ended and accepts no more commands"));
        assertThat(store.all()).hasSize(1);
    }
}
