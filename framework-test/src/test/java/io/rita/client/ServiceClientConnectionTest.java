package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Options;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A connection that is closed, or closes while a call waits, and a caller interrupted while
 * waiting: whether the request went out decides whether a command may be stored.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceClientConnectionTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any test may take: a call that waits for it has not failed "at once". */
    private static final Duration FOREVER = Duration.ofMinutes(5);

    private Tally tally;

    @BeforeEach
    void start(TestInfo test) {
        tally = Tally.start(nats.connection(), "c" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff));
    }

    @AfterEach
    void stop() {
        tally.close();
    }

    @Test
    void on_a_closed_connection_nothing_is_sent_and_no_command_is_stored() throws Exception {
        Connection connection = nats.connect();
        ServiceClient client = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(FOREVER));
        connection.close();

        ServiceCallException command = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(1)));
        ServiceCallException query = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "total"), Tally.Total.class));

        assertThat(List.of(command.kind(), query.kind())).containsOnly(ServiceCallException.Kind.CONNECTION);
        assertThat(command.mayBeStored()).isFalse();
        assertThat(command.getMessage()).startsWith("the connection to NATS is closed: nothing was sent to "
                + tally.subject("a", "add") + " (").doesNotContain("may or may not be stored");
        assertThat(tally.stored("a")).isEmpty();
    }

    @Test
    void a_connection_that_closes_while_a_command_waits_leaves_the_command_open() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        Dispatcher mute = nats.connection().createDispatcher(request -> received.countDown());   // never answers
        mute.subscribe(tally.name + ".mute.add");
        nats.connection().flush(WAIT);
        Connection connection = nats.connect();
        ServiceClient client = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(FOREVER));
        CompletableFuture<CommandResult> waiting = CompletableFuture.supplyAsync(
                () -> client.send(tally.name + ".mute.add", new Tally.Add(1)));
        assertThat(received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the command reached the service").isTrue();

        connection.close();

        ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                () -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOfSatisfying(ServiceCallException.class, lost -> {
            assertThat(lost.kind()).isEqualTo(ServiceCallException.Kind.CONNECTION);
            assertThat(lost.mayBeStored()).isTrue();
            assertThat(lost.getMessage()).startsWith("the connection to NATS failed while waiting for "
                    + tally.name + ".mute.add (").endsWith("; it was sent, so the command may or may not be stored: "
                    + "send it again with command id " + lost.commandId() + " and it counts once");
        });
        nats.connection().closeDispatcher(mute);
    }

    /** Closing the client itself cuts its calls short, and they say so: not that NATS failed. */
    @Test
    void a_client_closed_while_a_command_waits_says_so_and_leaves_the_command_open() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        Dispatcher mute = nats.connection().createDispatcher(request -> received.countDown());   // never answers
        mute.subscribe(tally.name + ".mute.add");
        nats.connection().flush(WAIT);
        ServiceClient client = ServiceClient.connect(new Options.Builder().server(nats.url()),
                ClientOptions.defaults().withTimeout(FOREVER));
        CompletableFuture<CommandResult> waiting = CompletableFuture.supplyAsync(
                () -> client.send(tally.name + ".mute.add", new Tally.Add(1)));
        assertThat(received.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the command reached the service").isTrue();

        client.close();

        ExecutionException failed = catchThrowableOfType(ExecutionException.class,
                () -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOfSatisfying(ServiceCallException.class, closed -> {
            assertThat(closed.kind()).isEqualTo(ServiceCallException.Kind.CONNECTION);
            assertThat(closed.mayBeStored()).isTrue();
            assertThat(closed.getMessage()).isEqualTo("this client was closed while waiting for an answer from "
                    + tally.name + ".mute.add; the request went out, so the command may or may not be stored: send it"
                    + " again with command id " + closed.commandId() + " and it counts once (from a client that is open)");
        });
        ServiceCallException after = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "total"), Tally.Total.class));
        assertThat(after.getMessage()).isEqualTo("this client was closed before anything was sent to "
                + tally.subject("a", "total"));
        nats.connection().closeDispatcher(mute);
    }

    /** The request went out before the wait was interrupted: a command may be stored, a query changes nothing. */
    @Test
    void an_interrupted_call_says_whether_a_command_may_be_stored_and_keeps_the_interrupt() {
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(FOREVER));

        Thread.currentThread().interrupt();
        ServiceCallException command = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(1)));
        boolean stillInterrupted = Thread.interrupted();
        Thread.currentThread().interrupt();
        ServiceCallException query = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "total"), Tally.Total.class));

        assertThat(Thread.interrupted()).as("interrupted after the query").isTrue();
        assertThat(stillInterrupted).as("interrupted after the command").isTrue();
        assertThat(List.of(command.kind(), query.kind())).containsOnly(ServiceCallException.Kind.INTERRUPTED);
        assertThat(command.mayBeStored()).isTrue();
        assertThat(command.getMessage()).isEqualTo("interrupted while waiting for " + tally.subject("a", "add")
                + "; it was sent, so the command may or may not be stored: send it again with command id "
                + command.commandId() + " and it counts once");
        assertThat(query.mayBeStored()).isFalse();
        assertThat(query.getMessage()).isEqualTo("interrupted while waiting for " + tally.subject("a", "total"));
    }
}
