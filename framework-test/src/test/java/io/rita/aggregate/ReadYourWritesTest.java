package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Check;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.service.Counting;
import io.rita.service.LaggingCopy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads through a copy of the store that is behind the one that acknowledged a write (a follower,
 * a new stream leader): with the write's sequence a read never answers from before it, and a
 * cached aggregate is never taken back to an older state by such a copy.
 */
class ReadYourWritesTest {

    private static final String SUSIE = "wallets.susie";
    private static final Duration CATCH_UP = Duration.ofMillis(300);

    private final Counting store = Wallet.store();
    /** The process the client wrote through. */
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> writer = AggregateEngine.of(store, new Wallet());
    /** Another process, reading through a copy that may be behind. */
    private final LaggingCopy copy = new LaggingCopy(store);
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> reader = AggregateEngine.of(copy, new Wallet(),
            EngineOptions.defaults().withCatchUpTimeout(CATCH_UP));

    @Test
    void without_a_minimum_a_copy_that_is_behind_answers_from_before_the_write() {
        writer.handle(SUSIE, new Deposit(5));
        copy.freeze(-1);
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read(SUSIE)).isEqualTo(new Folded<>(new Balance(5), written - 1));
    }

    @Test
    void with_the_writes_sequence_it_reads_again_until_the_copy_has_caught_up() {
        writer.handle(SUSIE, new Deposit(5));
        copy.freeze(3);
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read(SUSIE, written)).isEqualTo(new Folded<>(new Balance(11), written));
        assertThat(copy.loads.get()).isGreaterThan(1);
    }

    @Test
    void answers_store_behind_after_the_catch_up_timeout_rather_than_an_older_state() {
        writer.handle(SUSIE, new Deposit(5));
        copy.freeze(-1);
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> reader.read(SUSIE, written))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        behind -> assertThat(behind.subject()).isEqualTo(SUSIE))
                .hasMessageContaining("has not caught up with sequence " + written + " for " + SUSIE)
                .hasMessageContaining("it answered up to sequence " + (written - 1) + " for the subject and "
                        + (written - 1) + " for the store");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(CATCH_UP);
    }

    @Test
    void a_subject_the_write_did_not_touch_is_current_once_the_store_has_reached_the_writes_sequence() {
        writer.handle("wallets.bobby", new Deposit(3));
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read("wallets.bobby", written)).isEqualTo(new Folded<>(new Balance(3), 1));
        assertThat(copy.lastSequenceReads).hasValue(1);
    }

    @Test
    void a_subject_the_write_did_not_touch_waits_too_while_the_copy_is_behind() {
        writer.handle("wallets.bobby", new Deposit(3));
        copy.freeze(4);
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read("wallets.bobby", written)).isEqualTo(new Folded<>(new Balance(3), 1));
        assertThat(copy.lastSequenceReads.get()).isGreaterThan(1);
    }

    @Test
    void a_minimum_the_read_reaches_costs_nothing_more_than_a_read() {
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read(SUSIE, written)).isEqualTo(new Folded<>(new Balance(6), written));
        assertThat(copy.loads).hasValue(1);
        assertThat(copy.lastSequenceReads).hasValue(0);
    }

    @Test
    void a_minimum_of_zero_asks_nothing_and_is_a_plain_read() {
        writer.handle(SUSIE, new Deposit(5));
        copy.freeze(-1);
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));

        assertThat(reader.read(SUSIE, 0)).isEqualTo(reader.read(SUSIE)).isEqualTo(new Folded<>(new Balance(5),
                written - 1));
    }

    @Test
    void refuses_a_negative_minimum() {
        assertThatThrownBy(() -> reader.read(SUSIE, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minSequence must be >= 0");
    }

    @Test
    void a_cached_aggregate_is_not_taken_back_to_an_older_state_by_a_copy_that_fell_behind() {
        writer.handle(SUSIE, new Deposit(5));
        long written = accepted(writer.handle(SUSIE, new Deposit(6)));
        assertThat(reader.read(SUSIE)).isEqualTo(new Folded<>(new Balance(11), written));
        copy.showUpTo(written - 1, 3);   // a new stream leader that has not applied the last write yet

        assertThat(reader.read(SUSIE)).isEqualTo(new Folded<>(new Balance(11), written));
    }

    @Test
    void a_command_is_not_answered_from_an_older_state_by_a_copy_that_fell_behind() {
        writer.handle(SUSIE, new Deposit(25));
        long written = accepted(writer.handle(SUSIE, new Withdraw(15)));
        reader.read(SUSIE);              // cached at 10
        copy.showUpTo(written - 1, 3);   // for its next three reads the copy shows 25

        // a command that stores nothing is answered once a read confirms that nothing arrived since
        Outcome<Wallet.Event, Balance> outcome = reader.handle(SUSIE, new Check());

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(), new Balance(10), written));
    }

    @Test
    void a_subject_that_stays_behind_is_believed_after_the_catch_up_timeout_as_a_recreated_stream() {
        writer.handle(SUSIE, new Deposit(5));
        reader.read(SUSIE);
        store.clear();
        long started = System.nanoTime();

        assertThat(reader.read(SUSIE)).isEqualTo(new Folded<>(new Balance(0), 0));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(CATCH_UP);
        assertThat(accepted(reader.handle(SUSIE, new Deposit(2)))).isEqualTo(1);
    }

    @Test
    @Timeout(10) // far below the catch-up timeout: believed at once, not after waiting
    void a_subject_whose_events_were_removed_while_the_store_went_on_is_believed_at_once() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> patient = AggregateEngine.of(copy, new Wallet(),
                EngineOptions.defaults().withCatchUpTimeout(Duration.ofMinutes(1)));
        writer.handle(SUSIE, new Deposit(5));
        writer.handle(SUSIE, new Deposit(6));
        patient.read(SUSIE);
        writer.handle("wallets.bobby", new Deposit(1));
        copy.removeAfter(1);             // susie's last event is gone, while the store went on to 3

        assertThat(patient.read(SUSIE)).isEqualTo(new Folded<>(new Balance(5), 1));
    }

    @Test
    @Timeout(10) // far below the catch-up timeout: believed at once, not after waiting
    void a_subject_whose_last_events_were_removed_is_believed_at_once_when_the_store_is_where_the_cache_was() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> patient = AggregateEngine.of(copy, new Wallet(),
                EngineOptions.defaults().withCatchUpTimeout(Duration.ofMinutes(1)));
        writer.handle(SUSIE, new Deposit(5));
        writer.handle(SUSIE, new Deposit(6));
        patient.read(SUSIE);
        copy.removeAfter(1);             // the store is still at 2, the sequence the cache holds: no copy is behind

        assertThat(patient.read(SUSIE)).isEqualTo(new Folded<>(new Balance(5), 1));
    }

    private static long accepted(Outcome<Wallet.Event, Balance> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted<Wallet.Event, Balance>) outcome).sequence();
    }
}
