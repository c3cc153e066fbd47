package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Options;
import io.rita.aggregate.CommandOptions;
import io.rita.internal.StoreSetupException;
import io.rita.service.ServiceHeaders;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * No answer in time, and nobody to answer: the one resend of a command, what a caller is told
 * when even that gets no answer, and "no responders".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceClientTimeoutTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final Duration PER_SEND = Duration.ofSeconds(2);
    /** Longer than any test may take: a call that waits for it has not failed "at once". */
    private static final Duration FOREVER = Duration.ofMinutes(5);

    private Tally tally;
    /** Every request on the tally's subjects, as a plain subscriber (outside the queue group) sees it: the command ids. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Dispatcher spy;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        String name = "t" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name);
        spy = nats.connection().createDispatcher(message -> seen.add(String.valueOf(
                message.getHeaders() == null ? null : message.getHeaders().getFirst(ServiceHeaders.COMMAND_ID))));
        spy.subscribe(name + ".services.>");
        nats.connection().flush(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        nats.connection().closeDispatcher(spy);
        tally.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test's latch was not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A latch that opens once the service has seen the command twice (the send and its resend). */
    private CountDownLatch openedOnceResent() {
        CountDownLatch resent = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            awaitSeen(seen, 2);
            resent.countDown();
        });
        return resent;
    }

    private static void awaitSeen(List<String> seen, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (seen.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_command_that_got_no_answer_in_time_is_sent_again_with_its_id_and_counts_once() {
        // slow for the first send: its append waits until the resend has reached the service
        CountDownLatch resent = openedOnceResent();
        tally.counting.beforeAppend = subject -> await(resent);
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(PER_SEND));

        CommandResult result = client.send(tally.subject("a", "add"), new Tally.Add(5));

        assertThat(result).isInstanceOf(CommandResult.Accepted.class);
        assertThat(seen).hasSize(2).containsOnly(result.commandId());
        assertThat(tally.stored("a")).hasSize(1);
        assertThat(tally.counting.appends).hasValue(1);
    }

    @Test
    void a_command_unanswered_after_the_resend_may_be_stored_and_sending_it_again_counts_once() {
        CountDownLatch gaveUp = new CountDownLatch(1);
        tally.counting.beforeAppend = subject -> await(gaveUp);
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults()
                .withTimeout(Duration.ofMillis(500)));

        ServiceCallException timedOut = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(5)));
        gaveUp.countDown();

        assertThat(timedOut.kind()).isEqualTo(ServiceCallException.Kind.TIMEOUT);
        assertThat(timedOut.mayBeStored()).isTrue();
        assertThat(seen).hasSize(2).containsOnly(timedOut.commandId());
        assertThat(timedOut.getMessage()).isEqualTo("no answer from " + tally.subject("a", "add") + " within 0.5 s, 2"
                + " sends with command id " + timedOut.commandId() + ": the command may or may not be stored; send it"
                + " again with command id " + timedOut.commandId() + " and it counts once (is the service running and"
                + " connected to this NATS server?)");

        ServiceClient patient = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(FOREVER));
        CommandResult again = patient.send(tally.subject("a", "add"), new Tally.Add(5),
                CommandOptions.defaults().withCommandId(timedOut.commandId()));
        assertThat(again).isInstanceOf(CommandResult.Accepted.class);
        assertThat(tally.stored("a")).hasSize(1);
    }

    @Test
    void a_store_setup_answer_to_the_resend_leaves_the_unanswered_first_send_open() {
        // the first send's append waits until the resend has reached the service, then the store is gone for both
        CountDownLatch resent = openedOnceResent();
        tally.counting.beforeAppend = subject -> {
            await(resent);
            throw new StoreSetupException(subject, "cannot append to " + subject + ": store 'x' does not exist", null);
        };
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(PER_SEND));

        ServiceCallException failed = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(5)));

        assertThat(failed.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
        assertThat(failed.mayBeStored()).as("the first send got no answer").isTrue();
        assertThat(failed.getMessage()).endsWith("; but an earlier send of command id " + failed.commandId()
                + " got no answer, so the command may be stored all the same");
    }

    @Test
    void a_query_that_got_no_answer_is_not_sent_twice() throws Exception {
        Connection mute = nats.connect();
        mute.subscribe(tally.name + ".quiet.total");   // takes requests, never answers
        mute.flush(Duration.ofSeconds(5));
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults()
                .withTimeout(Duration.ofMillis(500)));
        Dispatcher counter = nats.connection().createDispatcher(message -> seen.add("query"));
        counter.subscribe(tally.name + ".quiet.>");
        nats.connection().flush(Duration.ofSeconds(5));

        ServiceCallException timedOut = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.name + ".quiet.total", Tally.Total.class));

        assertThat(timedOut.kind()).isEqualTo(ServiceCallException.Kind.TIMEOUT);
        assertThat(timedOut.mayBeStored()).isFalse();
        assertThat(timedOut.commandId()).isNull();
        assertThat(timedOut.getMessage()).isEqualTo("no answer from " + tally.name + ".quiet.total within 0.5 s; is the"
                + " service running and connected to this NATS server? (a query or a stream request stores nothing:"
                + " asking again is safe; a stream the service started for an unanswered request ends on its own)");
        assertThat(seen).containsExactly("query");
        nats.connection().closeDispatcher(counter);
    }

    @Test
    void nobody_serving_the_subject_fails_at_once_with_no_responders() {
        for (Connection connection : List.of(nats.connect(), nats.connect(Options.Builder::reportNoResponders))) {
            ServiceClient client = ServiceClient.of(connection, ClientOptions.defaults().withTimeout(FOREVER));

            ServiceCallException command = catchThrowableOfType(ServiceCallException.class,
                    () -> client.send("nobody.services.a.add", new Tally.Add(1)));
            ServiceCallException query = catchThrowableOfType(ServiceCallException.class,
                    () -> client.query("nobody.services.a.total", Tally.Total.class));

            assertThat(List.of(command, query)).extracting(ServiceCallException::kind)
                    .containsOnly(ServiceCallException.Kind.NO_RESPONDERS);
            assertThat(command.mayBeStored()).isFalse();
            assertThat(command.getMessage()).isEqualTo("no service answers on nobody.services.a.add (no responders):"
                    + " is it running, and is the subject right?");
        }
    }

    @Test
    void no_responders_after_a_send_that_got_no_answer_may_still_have_stored_the_command() throws Exception {
        // a service that takes the first send and goes away without answering
        Connection leaving = nats.connect();
        leaving.subscribe("leaving.services.a.add").unsubscribe(1);   // the server drops it after one message
        leaving.flush(Duration.ofSeconds(5));
        ServiceClient client = ServiceClient.of(nats.connect(), ClientOptions.defaults()
                .withTimeout(Duration.ofSeconds(1)));

        ServiceCallException gone = catchThrowableOfType(ServiceCallException.class,
                () -> client.send("leaving.services.a.add", new Tally.Add(1)));

        assertThat(gone.kind()).isEqualTo(ServiceCallException.Kind.NO_RESPONDERS);
        assertThat(gone.mayBeStored()).isTrue();
        assertThat(gone.getMessage()).endsWith("; an earlier send got no answer, so the command may or may not be "
                + "stored: send it again with command id " + gone.commandId() + " and it counts once");
    }
}
