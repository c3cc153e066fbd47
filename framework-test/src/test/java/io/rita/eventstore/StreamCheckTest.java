package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Subscription;
import io.rita.internal.StoreSetupException;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream check before a store's first read is asked once for all the reads that come while
 * it is in flight: a service that starts under load would otherwise send JetStream one stream
 * info request per waiting request. And an answer that comes back after the store created,
 * changed or doubted the stream is not used: the tests hold a real server's answer back (a
 * management whose stream info waits for the test) while the store moves on.
 */
@Timeout(60)
class StreamCheckTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final int READERS = 50;

    @Test
    void concurrent_first_reads_of_a_store_ask_for_its_stream_once() throws Exception {
        Rita.of(nats.connection()).eventStore("burst").create();
        Watch asked = watchStreamInfo("burst");
        JetStreamEventStore fresh = Rita.of(nats.connection()).eventStore("burst");

        List<Object> outcomes = readAllAtOnce(() -> fresh.load("burst.1").events());

        assertThat(outcomes).hasSize(READERS).allSatisfy(outcome -> assertThat(outcome).isEqualTo(List.of()));
        assertThat(count(asked)).as("stream info requests").isEqualTo(1L);
    }

    @Test
    void concurrent_first_reads_of_a_missing_store_are_all_told_it_is_missing_after_one_question() throws Exception {
        Watch asked = watchStreamInfo("nowhere");
        JetStreamEventStore never = Rita.of(nats.connection()).eventStore("nowhere");

        List<Object> outcomes = readAllAtOnce(() -> never.load("nowhere.1"));

        assertThat(outcomes).hasSize(READERS).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(StoreSetupException.class, e -> assertThat(e)
                        .hasMessageContaining("store 'nowhere' does not exist")));
        // one, unless some reads came only after the answer (a missing stream stays in doubt, so
        // they ask again together): on a busy machine a virtual thread may start that late
        assertThat(count(asked)).as("stream info requests").isBetween(1L, 3L);
    }

    /**
     * A "not found" asked before the store created its stream comes back after the create: it is
     * out of date, and the read goes ahead instead of saying the store does not exist.
     */
    @Test
    void a_not_found_asked_before_the_store_saw_its_stream_is_not_used() throws Exception {
        HeldAnswers held = new HeldAnswers("late");

        held.requireWhileHeld("late.1", check -> { // JetStream said "not found": the stream is not there yet
            Rita.of(nats.connection()).eventStore("late").create();
            check.seen(List.of("late.>"), 1); // what the store's create tells it
        }); // and no "missing"

        assertThat(held.told()).containsExactly("[late.>]/1");
    }

    /**
     * A stream found by a question asked before the store changed it (an update, a delete) comes
     * back after the change: the store keeps what it saw since, and a delete's doubt stays.
     */
    @Test
    void a_stream_found_by_a_question_asked_before_a_change_is_not_used() throws Exception {
        Rita.of(nats.connection()).eventStore("moved").create();
        HeldAnswers updated = new HeldAnswers("moved");

        updated.requireWhileHeld("moved.1", // found, with subjects [moved.>]
                check -> check.seen(List.of("moved.>", "elsewhere.>"), 3)); // an update the store made meanwhile

        assertThat(updated.told()).as("the update's settings, not the older answer's")
                .containsExactly("[moved.>, elsewhere.>]/3");

        HeldAnswers doubted = new HeldAnswers("moved");
        doubted.requireWhileHeld("moved.1", StreamCheck::doubt); // a read failed as a deleted stream would make it fail
        assertThat(doubted.told()).as("the answer is older than the doubt").isEmpty();
        doubted.check().require("moved.1"); // the doubt stayed: it asks again (released already), and this answer is used
        assertThat(doubted.asked()).isEqualTo(2);
        assertThat(doubted.told()).containsExactly("[moved.>]/1");
    }

    /**
     * The connection's stream info answers, each held back until the test releases it: the
     * request goes to the real server at once, and its answer is kept until then.
     */
    private static final class HeldAnswers {

        private final JetStreamManagement real;
        private final CountDownLatch asked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger questions = new AtomicInteger();
        /** What the check told the store of its stream: "subjects/replicas", in order. */
        private final List<String> told = new CopyOnWriteArrayList<>();
        private final StreamCheck check;

        /** A check of {@code stream} that asks through this. */
        HeldAnswers(String stream) throws Exception {
            real = nats.connection().jetStreamManagement();
            check = new StreamCheck(management(), stream, (subject, cause) -> new EventStoreException(subject,
                    "missing"), (subjects, replicas) -> told.add(subjects + "/" + replicas));
        }

        StreamCheck check() {
            return check;
        }

        List<String> told() {
            return told;
        }

        /**
         * A read's {@code require(subject)}, whose stream info answer is held back while
         * {@code meanwhile} runs and then released; fails if the read does.
         */
        void requireWhileHeld(String subject, Meanwhile meanwhile) throws Exception {
            try (var threads = newVirtualThreadPerTaskExecutor()) {
                Future<?> read = threads.submit(() -> check.require(subject));
                assertThat(asked.await(10, TimeUnit.SECONDS)).as("the check asked").isTrue();
                meanwhile.run(check);
                released.countDown();
                read.get(10, TimeUnit.SECONDS);
            }
        }

        private JetStreamManagement management() {
            return (JetStreamManagement) Proxy.newProxyInstance(JetStreamManagement.class.getClassLoader(),
                    new Class<?>[]{JetStreamManagement.class}, (proxy, method, arguments) -> {
                        Object answer;
                        Throwable refusal = null;
                        try {
                            answer = method.invoke(real, arguments);
                        } catch (InvocationTargetException e) {
                            answer = null;
                            refusal = e.getCause();
                        }
                        if (method.getName().equals("getStreamInfo")) {
                            questions.incrementAndGet();
                            asked.countDown();
                            assertThat(released.await(10, TimeUnit.SECONDS)).as("released").isTrue();
                        }
                        if (refusal != null) {
                            throw refusal;
                        }
                        return answer;
                    });
        }

        int asked() {
            return questions.get();
        }
    }

    /** What the store does while a check's answer is held back. */
    @FunctionalInterface
    private interface Meanwhile {
        void run(StreamCheck check) throws Exception;
    }

    /** JetStream's stream info requests for a store, received on a connection of their own. */
    private record Watch(Connection watcher, Subscription requests) {
    }

    /** Receives JetStream's stream info requests for {@code store}, from here on. */
    private static Watch watchStreamInfo(String store) throws Exception {
        Connection watcher = nats.connect();
        Subscription requests = watcher.subscribe("$JS.API.STREAM.INFO." + store);
        watcher.flush(Duration.ofSeconds(5));
        return new Watch(watcher, requests);
    }

    /**
     * The requests received so far: the reads have their answers, so their requests reached the
     * server before; the watcher's flush returns after the server sent it everything before.
     */
    private static long count(Watch watch) throws Exception {
        watch.watcher().flush(Duration.ofSeconds(5));
        return watch.requests().getPendingMessageCount();
    }

    /** Runs {@code read} on {@link #READERS} virtual threads released together; each result or exception. */
    private static List<Object> readAllAtOnce(Callable<?> read) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Object> outcomes = new ArrayList<>();
        try (var threads = newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> reads = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                reads.add(threads.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    try {
                        return read.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            for (Future<Object> each : reads) {
                outcomes.add(each.get(30, TimeUnit.SECONDS));
            }
        }
        return outcomes;
    }
}
