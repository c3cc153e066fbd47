package io.rita.aggregate;

import io.rita.aggregate.Wallet.Balance;
import io.rita.aggregate.Wallet.Check;
import io.rita.aggregate.Wallet.Deposit;
import io.rita.aggregate.Wallet.Deposited;
import io.rita.aggregate.Wallet.Withdraw;
import io.rita.aggregate.Wallet.Withdrawn;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.PayloadTooLargeException;
import io.rita.eventstore.StoredEvent;
import io.rita.service.Counting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands waiting for one aggregate are decided one after another and stored in one append.
 * Each test holds the first append until the commands after it are waiting in the aggregate's
 * line, in a known order, so that the groups are known too.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitTest {

    private static final String SUSIE = "wallets.susie";

    private final Counting store = Wallet.store();
    private final AggregateEngine<Wallet.Command, Wallet.Event, Balance> engine = AggregateEngine.of(store, new Wallet());
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        clients.shutdownNow();
    }

    /** Sends {@code first}, whose append waits for {@link #release}; then each of {@code queued}, in order, once the one before waits. */
    private List<Future<Outcome<Wallet.Event, Balance>>> hold(Wallet.Command first, List<Supplier<Outcome<Wallet.Event, Balance>>> queued)
            throws Exception {
        CountDownLatch appending = new CountDownLatch(1);
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            appending.countDown();
            await(release);
        };
        List<Future<Outcome<Wallet.Event, Balance>>> outcomes = new ArrayList<>();
        outcomes.add(clients.submit(() -> engine.handle(SUSIE, first)));
        assertThat(appending.await(10, TimeUnit.SECONDS)).as("the first command reached its append").isTrue();
        for (int i = 0; i < queued.size(); i++) {
            outcomes.add(clients.submit(queued.get(i)::get));
            awaitWaiting(i + 1);
        }
        return outcomes;
    }

    private void awaitWaiting(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.waiting(SUSIE) < count) {
            assertThat(System.nanoTime()).as("%d commands waiting in line", count).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private Supplier<Outcome<Wallet.Event, Balance>> send(Wallet.Command command) {
        return () -> engine.handle(SUSIE, command);
    }

    private Supplier<Outcome<Wallet.Event, Balance>> send(Wallet.Command command, CommandOptions options) {
        return () -> engine.handle(SUSIE, command, options);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Outcome<Wallet.Event, Balance>> all(List<Future<Outcome<Wallet.Event, Balance>>> futures)
            throws Exception {
        List<Outcome<Wallet.Event, Balance>> outcomes = new ArrayList<>();
        for (Future<Outcome<Wallet.Event, Balance>> future : futures) {
            outcomes.add(future.get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    @Test
    void waiting_commands_are_decided_in_order_and_stored_in_one_append_with_their_own_ids() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(10), List.of(
                send(new Withdraw(1), CommandOptions.defaults().withCommandId("w1")),
                send(new Withdraw(2), CommandOptions.defaults().withCommandId("w2")),
                send(new Deposit(3), CommandOptions.defaults().withCommandId("d3").withCorrelationId("flow"))));
        release.countDown();

        assertThat(all(futures)).containsExactly(
                new Outcome.Accepted<>(List.of(new Deposited(10)), new Balance(10), 1),
                new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(9), 2),
                new Outcome.Accepted<>(List.of(new Withdrawn(2)), new Balance(7), 2),
                new Outcome.Accepted<>(List.of(new Deposited(3)), new Balance(10), 2));
        assertThat(store.appends).hasValue(2);
        List<StoredEvent> stored = store.all();
        assertThat(stored).extracting(StoredEvent::id).containsExactly(stored.getFirst().id(), "w1-0", "w2-0", "d3-0");
        assertThat(stored.get(3).meta()).containsEntry(CommandOptions.CAUSATION_ID, "d3")
                .containsEntry(CommandOptions.CORRELATION_ID, "flow");
        assertThat(stored.get(1).meta()).containsEntry(CommandOptions.CAUSATION_ID, "w1");
    }

    @Test
    void a_command_that_changes_nothing_answers_the_sequence_of_what_was_decided_before_it() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(10), List.of(
                send(new Check()), send(new Deposit(1)), send(new Check())));
        release.countDown();

        assertThat(all(futures)).containsExactly(
                new Outcome.Accepted<>(List.of(new Deposited(10)), new Balance(10), 1),
                new Outcome.Accepted<>(List.of(), new Balance(10), 1),     // before the group's events: the state at 1
                new Outcome.Accepted<>(List.of(new Deposited(1)), new Balance(11), 2),
                new Outcome.Accepted<>(List.of(), new Balance(11), 2));    // after them: their sequence
    }

    @Test
    void a_rejected_command_drops_only_its_own_events_and_is_decided_on_the_state_before_it() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(3), List.of(
                send(new Withdraw(2)), send(new Withdraw(2)), send(new Withdraw(1))));
        release.countDown();

        assertThat(all(futures)).containsExactly(
                new Outcome.Accepted<>(List.of(new Deposited(3)), new Balance(3), 1),
                new Outcome.Accepted<>(List.of(new Withdrawn(2)), new Balance(1), 2),
                new Outcome.Rejected<>(Wallet.INSUFFICIENT),
                new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(0), 2));
        assertThat(store.all()).extracting(StoredEvent::data)
                .containsExactly(new Deposited(3), new Withdrawn(2), new Withdrawn(1));
    }

    @Test
    void a_conflict_decides_the_whole_group_again_on_the_new_state() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(3), List.of(
                send(new Withdraw(2)), send(new Withdraw(2))));
        store.beforeAppend = subject -> {   // the group's append: another process got in first
            store.beforeAppend = s -> { };
            store.appendBehindTheBack(subject, new Deposited(10));
        };
        release.countDown();

        assertThat(all(futures)).containsExactly(
                new Outcome.Accepted<>(List.of(new Deposited(3)), new Balance(3), 1),
                new Outcome.Accepted<>(List.of(new Withdrawn(2)), new Balance(11), 3),
                new Outcome.Accepted<>(List.of(new Withdrawn(2)), new Balance(9), 3));
        assertThat(store.conflicts).hasValue(1);
    }

    @Test
    void a_command_with_the_callers_expectation_goes_alone() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(3), List.of(
                send(new Withdraw(1)),
                send(new Withdraw(1), CommandOptions.defaults().withExpected(Expected.sequence(2))),
                send(new Withdraw(1))));
        release.countDown();

        assertThat(all(futures)).containsExactly(
                new Outcome.Accepted<>(List.of(new Deposited(3)), new Balance(3), 1),
                new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(2), 2),
                new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(1), 3),
                new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(0), 4));
        assertThat(store.appends).hasValue(4);
    }

    @Test
    void the_same_command_id_twice_in_one_group_is_stored_once() throws Exception {
        CommandOptions once = CommandOptions.defaults().withCommandId("once");
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(3), List.of(
                send(new Withdraw(1), once), send(new Withdraw(1), once)));
        release.countDown();

        List<Outcome<Wallet.Event, Balance>> outcomes = all(futures);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Accepted<>(List.of(new Withdrawn(1)), new Balance(2), 2));
        assertThat(outcomes.get(2)).isEqualTo(new Outcome.Duplicate<>(List.of(new Withdrawn(1)), new Balance(2), 2));
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void a_group_too_large_for_one_message_is_split_and_a_single_command_too_large_fails_alone() throws Exception {
        // a store whose messages hold at most two events, and never the event of a Deposit(99)
        List<List<Object>> tried = new java.util.concurrent.CopyOnWriteArrayList<>();
        Counting limited = new Counting(store) {
            @Override
            public io.rita.eventstore.AppendResult append(String subject, List<io.rita.eventstore.Event> events,
                                                         Expected expected) {
                tried.add(events.stream().map(io.rita.eventstore.Event::data).toList());
                if (events.size() > 2 || events.stream().anyMatch(e -> e.data().equals(new Deposited(99)))) {
                    throw new PayloadTooLargeException(subject, 9_999, 1_000);
                }
                return super.append(subject, events, expected);
            }
        };
        AggregateEngine<Wallet.Command, Wallet.Event, Balance> splitting = AggregateEngine.of(limited, new Wallet());
        store.beforeAppend = subject -> { };
        splitting.handle(SUSIE, new Deposit(10));
        CountDownLatch appending = new CountDownLatch(1);
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            appending.countDown();
            await(release);
        };
        List<Future<Outcome<Wallet.Event, Balance>>> futures = new ArrayList<>();
        futures.add(clients.submit(() -> splitting.handle(SUSIE, new Withdraw(1))));
        assertThat(appending.await(10, TimeUnit.SECONDS)).isTrue();
        List<Wallet.Command> queued = List.of(new Withdraw(1), new Deposit(99), new Withdraw(1), new Withdraw(1));
        for (int i = 0; i < queued.size(); i++) {
            Wallet.Command command = queued.get(i);
            futures.add(clients.submit(() -> splitting.handle(SUSIE, command)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (splitting.waiting(SUSIE) < i + 1) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(1);
            }
        }
        tried.clear();
        release.countDown();

        // the group of four was too large, and so was each part holding the Deposit(99): split
        // until that command stood alone, which fails by itself; the others are stored
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> futures.get(2).get(10, TimeUnit.SECONDS)))
                .hasCauseInstanceOf(PayloadTooLargeException.class);
        for (int i : new int[]{0, 1, 3, 4}) {
            assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).as("command " + i)
                    .isInstanceOf(Outcome.Accepted.class);
        }
        assertThat(store.all()).extracting(StoredEvent::data).containsExactly(new Deposited(10), new Withdrawn(1),
                new Withdrawn(1), new Withdrawn(1), new Withdrawn(1));
        assertThat(tried).as("the appends tried after the first").first().asList().hasSize(4);
        assertThat(tried).contains(List.of(new Deposited(99)));
        assertThat(splitting.read(SUSIE).state()).isEqualTo(new Balance(6));
    }

    @Test
    void a_store_failure_fails_every_command_of_the_group_and_the_next_command_reloads() throws Exception {
        List<Future<Outcome<Wallet.Event, Balance>>> futures = hold(new Deposit(3), List.of(
                send(new Withdraw(1)), send(new Withdraw(1))));
        store.beforeAppend = subject -> {
            store.beforeAppend = s -> { };
            throw new EventStoreException(subject, "no answer: the outcome is unknown");
        };
        release.countDown();

        assertThat(futures.get(0).get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Accepted.class);
        for (Future<Outcome<Wallet.Event, Balance>> failed : futures.subList(1, 3)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> failed.get(10, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EventStoreException.class).hasMessageContaining("outcome is unknown");
        }
        int loads = store.fullLoads.get();
        assertThat(engine.handle(SUSIE, new Withdraw(1))).isInstanceOf(Outcome.Accepted.class);
        assertThat(store.fullLoads.get() - loads).isEqualTo(1);
    }
}
