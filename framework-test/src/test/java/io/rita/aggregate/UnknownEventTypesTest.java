package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Deposited;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.RitaOptions;
import io.rita.service.Counting;
import io.rita.test.memory.InMemoryEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An event of a type the registry does not know, on an aggregate's subject: refused by default, skipped on request. */
class UnknownEventTypesTest {

    private static final String SUSIE = "wallets.susie";
    private static final String BOBBY = "wallets.bobby";

    private final Counting store = Wallet.store();
    /** Another program on the same stream, which writes a type this one does not know. */
    private final EventStore newer = ((InMemoryEventStore) store.store).withOptions(RitaOptions.defaults());

    private final LogRecords logged = LogRecords.of(AggregateEngine.class.getName());

    @AfterEach
    void releaseLog() {
        logged.close();
    }

    /** The wallet, folded without what it does not know. */
    static final class Tolerant extends Wallet {
        @Override
        public boolean skipsUnknownEventTypes() {
            return true;
        }
    }

    private long mystery(String subject) {
        return newer.append(subject, List.of(Event.of("mystery-event", "{}".getBytes(StandardCharsets.UTF_8))))
                .sequence();
    }

    @Test
    void by_default_an_unknown_event_fails_commands_and_reads_naming_type_subject_and_sequence() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet());
        engine.handle(SUSIE, new Deposit(5));
        long at = mystery(SUSIE);

        // warm: the append meets a conflict, and the top-up meets the event
        assertThatThrownBy(() -> engine.handle(SUSIE, new Deposit(1)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.unknownType()).isTrue();
                    assertThat(e.type()).isEqualTo("mystery-event");
                    assertThat(e.subject()).isEqualTo(SUSIE);
                    assertThat(e.sequence()).isEqualTo(at);
                });
        // cold: the full load meets it
        assertThatThrownBy(() -> AggregateEngine.of(store, new Wallet()).read(SUSIE))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("'mystery-event'");
        assertThat(newer.load(SUSIE).events()).hasSize(2); // the deposit and the mystery: nothing of the refused command
    }

    @Test
    void a_decider_that_skips_folds_without_the_event_and_still_counts_it_in_the_sequence() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Tolerant());
        engine.handle(SUSIE, new Deposit(5));
        long at = mystery(SUSIE);
        engine.forgetAll();

        assertThat(engine.read(SUSIE)).isEqualTo(new Folded<>(new Balance(5), at));
        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(1));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Deposited(1)), new Balance(6), at + 1));
        assertThat(store.conflicts).hasValue(0);
    }

    @Test
    void a_top_up_that_brings_only_skipped_events_moves_the_cached_entry_on_without_a_full_load() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Tolerant());
        engine.handle(SUSIE, new Deposit(5));
        long at = mystery(SUSIE);

        Outcome<Wallet.Event, Balance> outcome = engine.handle(SUSIE, new Deposit(1));

        assertThat(outcome).isEqualTo(new Outcome.Accepted<>(List.of(new Deposited(1)), new Balance(6), at + 1));
        assertThat(store.conflicts).hasValue(1);
        assertThat(store.fullLoads).hasValue(1);
        assertThat(store.topUps).hasValue(1);
    }

    @Test
    void logs_skipped_events_once_per_aggregate() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Tolerant());
        long first = mystery(SUSIE);
        mystery(SUSIE);
        mystery(BOBBY);

        engine.read(SUSIE);
        engine.forgetAll();
        engine.read(SUSIE);
        engine.read(BOBBY);

        assertThat(logged.messages()).hasSize(2).first().asString()
                .contains("'mystery-event'", SUSIE, "sequence " + first, Tolerant.class.getName());
        assertThat(logged.messages().get(1)).contains(BOBBY);
    }

    @Test
    void a_decider_that_skips_unknown_types_still_fails_on_a_known_type_that_does_not_decode() {
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Tolerant());
        newer.append(SUSIE, List.of(Event.of("deposited", "not json".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> engine.read(SUSIE)).isInstanceOfSatisfying(EventDecodingException.class,
                e -> assertThat(e.type()).isEqualTo("deposited"));
    }
}
