package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.rita.internal.LeaderReads;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AppendMode#STREAM_SEQUENCE} under contention on a single server: stores of several
 * processes (each its own connection and its own turn) expect the stream's last sequence, so an
 * append to one subject is refused whenever another subject moved the stream between its reads
 * and its publish, and must try again until it is stored (never lost, never stored twice); an
 * append whose own subject moved is a conflict however often it had to try.
 */
@Timeout(120)
class StreamSequenceRaceTest {

    private static final int WRITERS = 6;
    private static final int APPENDS = 30;

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private String name;

    @BeforeEach
    void newStream(TestInfo test) {
        name = "q" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        Rita.of(nats.connection()).eventStore(name).create();
    }

    /** A store of this stream in STREAM_SEQUENCE mode, as another process would open it: its own connection. */
    private JetStreamEventStore process() {
        return Rita.of(nats.connect()).eventStore(StoreConfig.of(name).withAppendMode(AppendMode.STREAM_SEQUENCE))
                .open();
    }

    private JetStreamEventStore reader() {
        return Rita.of(nats.connection()).eventStore(name);
    }

    private static Event event(String id) {
        return Event.of("noted", new byte[]{1}).withId(id);
    }

    @Test
    void writers_of_different_subjects_each_store_every_append_once_in_order() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                JetStreamEventStore store = process();
                String subject = name + ".w" + w;
                String prefix = "w" + w + "-";
                writers.add(pool.submit(() -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    long last = 0;
                    for (int i = 0; i < APPENDS; i++) {
                        last = store.append(subject, List.of(event(prefix + i)), Expected.sequence(last)).sequence();
                        sequences.add(last);
                    }
                    return sequences;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                List<Long> sequences = writers.get(w).get(90, TimeUnit.SECONDS);
                assertThat(sequences).as("writer %d", w).hasSize(APPENDS).isSorted().doesNotHaveDuplicates();
                List<StoredEvent> stored = reader().load(name + ".w" + w).events();
                assertThat(stored).extracting(StoredEvent::sequence).as("writer %d's subject", w)
                        .containsExactlyElementsOf(sequences);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < APPENDS; i++) {
                    ids.add("w" + w + "-" + i);
                }
                assertThat(stored).extracting(StoredEvent::id).containsExactlyElementsOf(ids);
                all.addAll(sequences);
            }
            assertThat(all).doesNotHaveDuplicates();
            assertThat(reader().info().messages()).isEqualTo(WRITERS * APPENDS);
            assertThat(reader().lastSequence()).isEqualTo(WRITERS * APPENDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writers_racing_on_one_subject_while_others_move_the_stream_have_one_winner_per_round() throws Exception {
        int racers = 4;
        int rounds = 15;
        List<JetStreamEventStore> stores = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            stores.add(process());
        }
        JetStreamEventStore noise = process();
        String subject = name + ".contested";
        ExecutorService pool = Executors.newFixedThreadPool(racers + 1);
        try {
            // another subject keeps moving the stream, so that the racers' tries are refused and retried
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch moving = new CountDownLatch(1);
            Future<Integer> mover = pool.submit(() -> {
                long last = 0;
                int moved = 0;
                while (!stop.get()) {
                    last = noise.append(name + ".noise", List.of(event("n" + moved)), Expected.sequence(last))
                            .sequence();
                    moved++;
                    moving.countDown();
                }
                return moved;
            });
            assertThat(moving.await(10, TimeUnit.SECONDS)).as("the stream moves").isTrue();
            long expected = 0;
            int movedBefore = 0;
            for (int round = 0; round < rounds; round++) {
                if (round == rounds - 1) {
                    movedBefore = (int) reader().load(name + ".noise").events().size();
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AppendResult>> attempts = new ArrayList<>();
                for (int r = 0; r < racers; r++) {
                    JetStreamEventStore store = stores.get(r);
                    String id = "round" + round + "-racer" + r;
                    long expectation = expected;
                    attempts.add(pool.submit(() -> {
                        go.await();
                        return store.append(subject, List.of(event(id)), Expected.sequence(expectation));
                    }));
                }
                go.countDown();
                List<AppendResult> wins = new ArrayList<>();
                List<ConcurrencyConflictException> conflicts = new ArrayList<>();
                for (Future<AppendResult> attempt : attempts) {
                    try {
                        wins.add(attempt.get(60, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ConcurrencyConflictException.class);
                        conflicts.add((ConcurrencyConflictException) e.getCause());
                    }
                }
                assertThat(wins).as("winners of round %d", round).hasSize(1);
                long won = wins.get(0).sequence();
                assertThat(wins.get(0).duplicate()).isFalse();
                for (ConcurrencyConflictException conflict : conflicts) {
                    assertThat(conflict.expected()).isEqualTo(expected);
                    assertThat(conflict.actual()).isEqualTo(won);
                }
                expected = won;
            }
            stop.set(true);
            // a mover that failed would have left the racers a still stream: not what this test is about
            assertThat(mover.get(30, TimeUnit.SECONDS)).as("noise appends").isPositive();
            assertThat(expected).as("the last winner's sequence, after noise").isGreaterThan(rounds);
            assertThat(reader().load(name + ".noise").events()).as("noise during the last round and after")
                    .hasSizeGreaterThan(movedBefore);
            List<StoredEvent> stored = reader().load(subject).events();
            assertThat(stored).hasSize(rounds);
            for (int round = 0; round < rounds; round++) {
                assertThat(stored.get(round).id()).startsWith("round" + round + "-");
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void a_stale_expectation_is_a_conflict_naming_the_subjects_last_sequence_and_stores_nothing() {
        JetStreamEventStore store = process();
        JetStreamEventStore other = process();
        String subject = name + ".1";
        long first = store.append(subject, List.of(event("a")), Expected.sequence(0)).sequence();
        long second = other.append(subject, List.of(event("b")), Expected.sequence(first)).sequence();
        other.append(name + ".2", List.of(event("elsewhere")), Expected.sequence(0));

        assertThatThrownBy(() -> store.append(subject, List.of(event("c")), Expected.sequence(first)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> {
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.expected()).isEqualTo(first);
                    assertThat(e.actual()).isEqualTo(second);
                });
        assertThatThrownBy(() -> store.append(name + ".empty", List.of(event("d")), Expected.sequence(second)))
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, e -> assertThat(e.actual()).isZero());
        assertThat(reader().info().messages()).isEqualTo(3);
    }

    @Test
    void a_retried_append_that_others_followed_returns_its_first_sequence_and_is_stored_once() {
        JetStreamEventStore store = process();
        JetStreamEventStore other = process();
        String subject = name + ".1";
        long first = store.append(subject, List.of(event("a")), Expected.sequence(0)).sequence();
        long second = store.append(subject, List.of(event("retried")), Expected.sequence(first)).sequence();
        other.append(subject, List.of(event("after")), Expected.sequence(second));

        // its answer was lost, say: the same ids with the same expectation
        AppendResult retried = store.append(subject, List.of(event("retried")), Expected.sequence(first));
        AppendResult retriedByAnother = other.append(subject, List.of(event("retried")), Expected.sequence(first));
        AppendResult lastRetried = other.append(subject, List.of(event("after")), Expected.sequence(second));

        assertThat(retried.sequence()).isEqualTo(second);
        assertThat(retried.duplicate()).isTrue();
        assertThat(retriedByAnother.sequence()).isEqualTo(second);
        assertThat(retriedByAnother.duplicate()).isTrue();
        assertThat(lastRetried.sequence()).isEqualTo(second + 1);
        assertThat(lastRetried.duplicate()).isTrue();
        assertThat(reader().load(subject).events()).extracting(StoredEvent::id)
                .containsExactly("a", "retried", "after");
    }

    @Test
    void an_append_over_the_streams_max_message_size_is_refused_at_once_not_retried() {
        String small = name + "small";
        Rita.of(nats.connection()).eventStore(StoreConfig.of(small).withMaxMessageSize(1_000)).create();
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(StoreConfig.of(small)
                .withAppendMode(AppendMode.STREAM_SEQUENCE).withMaxMessageSize(1_000)).open();
        String subject = small + ".1";
        long first = store.append(subject, List.of(event("a")), Expected.sequence(0)).sequence();

        assertThatThrownBy(() -> store.append(subject, List.of(Event.of("big", new byte[2_000])),
                Expected.sequence(first)))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> assertThat(e.max()).isEqualTo(1_000));
        assertThat(store.info().messages()).isEqualTo(1);
    }

    /**
     * Appends of one store take turns; one that waits for its turn longer than the patience gives
     * up having stored nothing. The store's timeout is 2 s, so its patience is 4 s. While the
     * server is paused, three appends ahead of it each hold the turn for a read's whole timeout:
     * from 0 to 6 s. The last one ahead and the one behind start at 1 s, half a hold away from every
     * hand-over: the last one ahead takes the turn at 4 s, within its patience, and the one behind
     * gives up at 5 s, while the turn is taken.
     * (All four starting at once made the last two give up within milliseconds of each other,
     * right when the turn changed hands, and the one behind sometimes got it.)
     */
    @Test
    void an_append_that_waits_for_its_turn_past_the_patience_says_why_and_stores_nothing() {
        Duration timeout = Duration.ofSeconds(2);
        JetStreamEventStore store = Rita.of(nats.connect(), RitaOptions.defaults().withTimeout(timeout))
                .eventStore(StoreConfig.of(name).withAppendMode(AppendMode.STREAM_SEQUENCE)).open();
        String subject = name + ".1";
        long first = store.append(subject, List.of(event("a")), Expected.sequence(0)).sequence();
        long second = store.append(subject, List.of(event("b")), Expected.sequence(first)).sequence();
        List<InterruptedCall.Running> ahead = new ArrayList<>();
        InterruptedCall.Outcome last;
        nats.server().pause();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                if (i == 2) {
                    sleepUntil(start + timeout.toNanos() / 2);
                }
                String id = "ahead" + i;
                InterruptedCall.Running append = InterruptedCall.start(
                        () -> store.append(subject, List.of(event(id)), Expected.sequence(second)));
                append.awaitWaitingIn(i == 0 ? LeaderReads.class : StreamSequenceAppend.class);
                ahead.add(append);
            }
            InterruptedCall.Running behind = InterruptedCall.start(
                    () -> store.append(subject, List.of(event("behind")), Expected.sequence(second)));
            behind.awaitWaitingIn(StreamSequenceAppend.class);
            last = behind.outcome();
        } finally {
            nats.server().resume();
        }
        ahead.forEach(InterruptedCall.Running::outcome);

        // a 503 from a service: the server did not answer the appends ahead in time, which may pass
        assertThat(last.thrown()).isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot append to " + subject + ": it waited 4 s for its turn behind other"
                        + " appends of this store (the server did not answer them in time, or there are more than it"
                        + " takes for now); nothing was stored")
                .hasMessageContaining("If this keeps happening, spread the writes over more stores");
        assertThat(reader().load(subject).events()).extracting(StoredEvent::id).doesNotContain("behind");
    }

    /**
     * An append whose every try loses to another writer (here one that stores a message on another
     * subject of the stream right before each of the append's publishes) gives up once its
     * patience (twice the store's timeout) has passed, says so and what helps, and stores nothing.
     * Contention, not an outage: an {@link EventStoreException}, not a {@link StoreUnavailableException}.
     */
    @Test
    void an_append_that_keeps_losing_to_other_writers_gives_up_after_its_patience_and_stores_nothing()
            throws Exception {
        Connection interloper = nats.connect();
        JetStream other = interloper.jetStream();
        AtomicInteger interloped = new AtomicInteger();
        Connection connection = overtakenBeforeEachExpectingPublish(nats.connect(), () -> {
            other.publish(name + ".other", new byte[]{2});
            interloped.incrementAndGet();
        });
        JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTimeout(Duration.ofMillis(250)))
                .eventStore(StoreConfig.of(name).withAppendMode(AppendMode.STREAM_SEQUENCE)).open();
        String subject = name + ".1";
        try {
            // a first event needs no stream expectation (any server checks "no event yet" per subject)
            long first = store.append(subject, List.of(event("first")), Expected.sequence(0)).sequence();
            assertThat(interloped.get()).isZero();
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.append(subject, List.of(event("loser")), Expected.sequence(first)))
                    .isExactlyInstanceOf(EventStoreException.class)
                    .hasMessageStartingWith("cannot append to " + subject + ": for 500 ms (")
                    .hasMessageContaining(" tries) other appends to store '" + name + "' kept moving its last"
                            + " sequence, which an append in AppendMode.STREAM_SEQUENCE must expect; nothing was stored."
                            + " If this keeps happening, spread the writes over more stores");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
                    Duration.ofMillis(3_000));
            assertThat(interloped.get()).as("tries, each overtaken").isGreaterThan(1);
            assertThat(reader().load(subject).events()).extracting(StoredEvent::id).containsExactly("first");
        } finally {
            connection.close();
            interloper.close();
        }
    }

    /**
     * {@code connection}, except that its JetStream runs {@code overtake} right before each publish
     * that expects the stream's last sequence.
     */
    private static Connection overtakenBeforeEachExpectingPublish(Connection connection, Overtake overtake) {
        return proxy(Connection.class, connection, (method, args) -> {
            Object result = method.invoke(connection, args);
            if (result instanceof JetStream jetStream) {
                return proxy(JetStream.class, jetStream, (publish, publishArgs) -> {
                    if (publish.getName().equals("publish") && publishArgs.length == 1
                            && publishArgs[0] instanceof Message message && message.getHeaders() != null
                            && message.getHeaders().containsKey("Nats-Expected-Last-Sequence")) {
                        overtake.run();
                    }
                    return publish.invoke(jetStream, publishArgs);
                });
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface Overtake {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Call {
        Object call(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            try {
                return call.call(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
