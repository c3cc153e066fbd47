package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.rita.internal.StoreSetupException;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream check before a store's first read is asked once for all the reads that come while
 * it is in flight: a service that starts under load would otherwise send JetStream one stream
 * info request per waiting request.
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
