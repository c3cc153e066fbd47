package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
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
 * A live stream that cannot start: each failure is reported for what it is, and the delivery
 * subject the client subscribed before asking is let go (else the connection would keep a
 * subscription nobody reads).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStreamStartTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private String name;
    private Connection connection;
    private ServiceClient client;
    private Dispatcher route;

    @BeforeEach
    void start(TestInfo test) {
        name = "b" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        connection = nats.connect();
        client = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        client.close();
        if (route != null) {
            nats.connection().closeDispatcher(route);
        }
    }

    /**
     * A stand-in for a stream route at {@code <name>.services.a.watch} that answers with
     * {@code answer} (or never, for {@code null}); completes with the delivery subject the client
     * asked for.
     */
    private CompletableFuture<String> route(byte[] answer) throws Exception {
        CompletableFuture<String> delivery = new CompletableFuture<>();
        route = nats.connection().createDispatcher(request -> {
            String body = new String(request.getData(), StandardCharsets.UTF_8);   // {"id":"<id>"}
            delivery.complete(name + ".streams." + body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
            if (answer != null) {
                nats.connection().publish(request.getReplyTo(), answer);
            }
        });
        route.subscribe(name + ".services.a.watch");
        nats.connection().flush(WAIT);
        return delivery;
    }

    private ServiceCallException failedStart() {
        return catchThrowableOfType(ServiceCallException.class,
                () -> client.stream(name + ".services.a.watch", name + ".streams"));
    }

    @Test
    void on_a_closed_connection_nothing_is_sent_and_the_stream_says_so() throws Exception {
        connection.close();

        ServiceCallException closed = failedStart();

        assertThat(closed.kind()).isEqualTo(ServiceCallException.Kind.CONNECTION);
        assertThat(closed.mayBeStored()).isFalse();
        assertThat(closed.getMessage()).startsWith("the connection to NATS is closed: nothing was sent to "
                + name + ".services.a.watch (");
    }

    @Test
    void a_route_that_never_answers_times_out_and_the_delivery_subject_is_let_go() throws Exception {
        CompletableFuture<String> delivery = route(null);

        ServiceCallException timedOut = failedStart();

        assertThat(timedOut.kind()).isEqualTo(ServiceCallException.Kind.TIMEOUT);
        assertThat(timedOut.mayBeStored()).isFalse();
        assertThat(LiveStreamTest.receives(client, nats.connection(), delivery.get(WAIT.toSeconds(), TimeUnit.SECONDS)))
                .isFalse();
        assertThat(client.streams()).isEmpty();
    }

    @Test
    void an_answer_that_names_no_delivery_subject_is_unreadable_and_the_delivery_subject_is_let_go() throws Exception {
        CompletableFuture<String> delivery = route("not json".getBytes(StandardCharsets.UTF_8));

        ServiceCallException unreadable = failedStart();

        assertThat(unreadable.kind()).isEqualTo(ServiceCallException.Kind.UNREADABLE);
        assertThat(unreadable.getMessage()).startsWith("the answer of " + name + ".services.a.watch is not "
                + "{\"subject\":...}: ");
        assertThat(LiveStreamTest.receives(client, nats.connection(), delivery.get(WAIT.toSeconds(), TimeUnit.SECONDS)))
                .isFalse();
        assertThat(client.streams()).isEmpty();
    }

    @Test
    void an_empty_answer_is_not_a_stream_route_and_the_delivery_subject_is_let_go() throws Exception {
        CompletableFuture<String> delivery = route(new byte[0]);

        ServiceCallException failed = failedStart();

        assertThat(failed.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
        assertThat(failed.getMessage()).contains("answered that it delivers to 'null', not to '" + name + ".streams.");
        assertThat(LiveStreamTest.receives(client, nats.connection(), delivery.get(WAIT.toSeconds(), TimeUnit.SECONDS)))
                .isFalse();
    }

    @Test
    void an_interrupted_start_fails_as_interrupted_and_keeps_the_interrupt() throws Exception {
        route(null);   // were the interrupt missed, the start would time out rather than pass
        Thread.currentThread().interrupt();

        ServiceCallException interrupted = failedStart();

        assertThat(Thread.interrupted()).as("the thread's interrupt flag").isTrue();
        assertThat(interrupted.kind()).isEqualTo(ServiceCallException.Kind.INTERRUPTED);
        assertThat(client.streams()).isEmpty();
    }

    /** A server that does not answer the client's flush: the subscription is not known to be in place. */
    @Test
    void a_server_that_does_not_confirm_the_subscription_in_time_is_a_timeout() {
        nats.server().pause();
        ServiceCallException timedOut;
        try {
            timedOut = failedStart();
        } finally {
            nats.server().resume();
        }

        assertThat(timedOut.kind()).isEqualTo(ServiceCallException.Kind.TIMEOUT);
        assertThat(timedOut.getMessage()).startsWith("NATS did not confirm the subscription to " + name + ".streams.")
                .endsWith(" within 0.5 s");
        assertThat(client.streams()).isEmpty();
    }
}
