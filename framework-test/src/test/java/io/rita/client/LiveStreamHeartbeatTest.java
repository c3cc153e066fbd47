package io.rita.client;

import io.nats.client.Dispatcher;
import io.nats.client.JetStreamManagement;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A live stream tells a quiet stream from one whose consumer is gone by the heartbeats it asks
 * the service for: without them a reader of a deleted store would wait forever.
 */
@Timeout(60)
class LiveStreamHeartbeatTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        String name = "h" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name);
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamHeartbeat(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        client.close();
        tally.close();
    }

    @Test
    void a_stream_whose_consumer_is_gone_says_so_instead_of_waiting_forever() throws Exception {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());
        JetStreamManagement management = nats.connection().jetStreamManagement();

        for (String consumer : management.getConsumerNames(tally.name)) {
            management.deleteConsumer(tally.name, consumer); // what deleting the store does to it
        }

        long started = System.nanoTime();
        java.util.concurrent.ExecutionException ended = catchThrowableOfType(
                java.util.concurrent.ExecutionException.class, () -> within(stream::hasNext));

        assertThat(ended.getCause()).isInstanceOfSatisfying(ServiceCallException.class, gone -> {
            assertThat(gone.kind()).isEqualTo(ServiceCallException.Kind.GAP);
            assertThat(gone.getMessage()).isEqualTo("the live stream on " + stream.subject() + " heard nothing for"
                    + " 0.6 s, not even the heartbeat the service's consumer sends every 0.2 s: the consumer is gone"
                    + " (its store deleted, or its server lost it); start a new stream and skip the events you have"
                    + " (for a deleted store, the service refuses new streams until the store is back)");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("three heartbeats, not the test's patience")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(stream.isOpen()).isFalse();
        assertThat(client.streams()).doesNotContain(stream);
    }

    @Test
    void a_quiet_stream_hears_its_heartbeats_and_stays_open() throws Exception {
        // 1 s heartbeats, a 3 s limit: a stall of the machine must not pass for a missing consumer
        ServiceClient patient = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamHeartbeat(Duration.ofSeconds(1)));
        try (LiveStream stream = patient.stream(tally.subject("a", "watch"), tally.streams())) {
            assertThat(within(() -> stream.poll(Duration.ofSeconds(4)))).as("no event in 4 heartbeats").isEmpty();
            assertThat(stream.isOpen()).isTrue();

            client.send(tally.subject("a", "add"), new Tally.Add(1));

            assertThat(within(() -> stream.poll(WAIT))).get().extracting(e -> ((Tally.Added) e.data()).n()).isEqualTo(1);
        } finally {
            patient.close();
        }
    }

    @Test
    void a_service_that_does_not_confirm_heartbeats_is_not_checked() throws Exception {
        String subject = tally.name + ".older.a.watch";
        // an older stream route: it reads the id, ignores the heartbeat and sends none
        Dispatcher older = nats.connection().createDispatcher(request -> {
            String body = new String(request.getData(), StandardCharsets.UTF_8);
            String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            nats.connection().publish(request.getReplyTo(),
                    ("{\"subject\":\"" + tally.streams() + "." + id + "\"}").getBytes(StandardCharsets.UTF_8));
        });
        older.subscribe(subject);
        nats.connection().flush(WAIT);

        try (LiveStream stream = client.stream(subject, tally.streams())) {
            assertThat(within(() -> stream.poll(Duration.ofMillis(1500)))).isEmpty();
            assertThat(stream.isOpen()).as("silent, but never promised otherwise").isTrue();
        } finally {
            nats.connection().closeDispatcher(older);
        }
    }

    private static <T> T within(java.util.function.Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
