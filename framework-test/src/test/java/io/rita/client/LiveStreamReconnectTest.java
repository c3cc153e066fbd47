package io.rita.client;

import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A live stream and a connection that is lost and restored: what the service sent meanwhile is
 * lost, so a reconnect while following is a gap; one before the stream started is not. A server
 * of its own, since the tests restart it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStreamReconnectTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        String name = "r" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name);
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES));
    }

    @AfterEach
    void stop() {
        client.close();
        tally.close();
    }

    @Test
    void a_connection_lost_and_restored_while_following_is_a_gap() {
        LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams());

        nats.restartServer();   // returns once every connection is back

        ServiceCallException gap = catchThrowableOfType(ServiceCallException.class, () -> stream.poll(WAIT));
        assertThat(gap.kind()).isEqualTo(ServiceCallException.Kind.GAP);
        assertThat(gap.getMessage()).startsWith("the connection to NATS was lost and restored while following "
                + stream.subject());
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void a_connection_restored_before_the_stream_started_is_no_gap() {
        nats.restartServer();

        try (LiveStream stream = client.stream(tally.subject("a", "watch"), tally.streams())) {
            client.send(tally.subject("a", "add"), new Tally.Add(1));

            assertThat(stream.poll(WAIT)).hasValueSatisfying(
                    event -> assertThat(((Tally.Added) event.data()).n()).isEqualTo(1));
        }
    }

    /**
     * While the connection is down nothing comes, heartbeats neither: that is told as the
     * reconnect it is, never as a lost consumer (jnats counts a reconnect as it begins, so the
     * reconnect check speaks first; the silence check also stands aside while disconnected).
     */
    @Test
    void a_reader_waiting_through_a_lost_connection_hears_of_the_reconnect_not_of_a_lost_consumer() throws Exception {
        ServiceClient beating = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTypes(Tally.TYPES)
                .withStreamHeartbeat(Duration.ofMillis(100))); // silent for 0.3 s: far shorter than the restart
        try {
            LiveStream stream = beating.stream(tally.subject("a", "watch"), tally.streams());
            java.util.concurrent.CompletableFuture<Throwable> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> catchThrowableOfType(ServiceCallException.class, () -> stream.poll(WAIT)));

            nats.restartServer();

            Throwable ended = waiting.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            assertThat(ended).isInstanceOfSatisfying(ServiceCallException.class, gap -> {
                assertThat(gap.kind()).isEqualTo(ServiceCallException.Kind.GAP);
                assertThat(gap.getMessage()).startsWith("the connection to NATS was lost and restored while following");
            });
        } finally {
            beating.close();
        }
    }
}
