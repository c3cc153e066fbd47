package io.rita.service;

import io.nats.client.Message;
import io.nats.client.Options;
import io.rita.client.ClientOptions;
import io.rita.client.ServiceCallException;
import io.rita.client.ServiceClient;
import io.rita.aggregate.LogRecords;
import io.rita.decider.Decider;
import io.rita.eventstore.Event;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.service.Counters.Added;
import io.rita.service.Counters.Count;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An event of a type the service does not know, appended by another program to an aggregate's
 * subject, seen through a running service on a real nats-server: every command and query on that
 * aggregate is a 500 that names the event and says that retrying will not help, logged once;
 * other aggregates are not affected; a decider that skips unknown types serves on.
 */
class UnknownEventServiceTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private final LogRecords logged = LogRecords.of(Dispatcher.class.getName());

    private String name;
    private JetStreamEventStore store;

    @BeforeEach
    void start(TestInfo test) {
        name = "u" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        store = ServiceRunnerTest.counterStore(nats.connection(), name);
    }

    @AfterEach
    void stop() {
        logged.close();
        store.delete();
    }

    /** What a second program does: appends an event of a type the service's registry lacks. */
    private long mystery(String counter) {
        return Rita.of(nats.connection()).eventStore(name).append(name + "." + counter,
                List.of(Event.of("mystery-event", "{}".getBytes(StandardCharsets.UTF_8)))).sequence();
    }

    private Message request(String counter, String operation, String body) throws Exception {
        return nats.connection().request("svc." + name + "." + counter + "." + operation,
                body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    private ServiceRunner serve(Decider<Object, Added, Count> decider) {
        List<Route> routes = List.of(
                CommandRoute.of("svc." + name + ".*.add", Counters.Add.class,
                        (req, command) -> name + "." + req.token(2), decider),
                QueryRoute.of("svc." + name + ".*.value", req -> name + "." + req.token(2), decider,
                        (state, req) -> state));
        return ServiceRunner.start(nats.connection(), Dispatcher.of(store, routes),
                ServiceOptions.of("counters", "1.0.0", "Counters for tests").withQueueGroup(name));
    }

    @Test
    void answers_commands_and_queries_on_the_aggregate_with_a_500_that_names_the_event_and_logs_once() throws Exception {
        try (ServiceRunner runner = serve(Counters.DECIDER)) {
            assertThat(request("a", "add", "{\"n\":1}").getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isNotNull();
            long at = mystery("a");

            Message add = request("a", "add", "{\"n\":1}");
            Message value = request("a", "value", "");
            Message again = request("a", "add", "{\"n\":1}");

            for (Message reply : List.of(add, value, again)) {
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.ERROR_KIND)).isEqualTo(ServiceHeaders.UNREADABLE);
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR))
                        .startsWith("unknown event type 'mystery-event' on " + name + ".a at sequence " + at)
                        .contains("retrying will not help")
                        .doesNotContain("try again", "send it again");
            }
            assertThat(logged.messages()).hasSize(1);
            assertThat(logged.messages().get(0)).contains("cannot read " + name + ".a");
            assertThat(request("b", "add", "{\"n\":2}").getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR)).isNull();
        }
    }

    /**
     * A message that is not a Rita event, published by another program to an aggregate's subject:
     * not "event store error ... send it again" (which can never help), but the unreadable event's
     * 500, saying what the operator must remove; the typed client hears that nothing was stored.
     */
    @Test
    void answers_a_message_that_is_not_a_rita_event_with_a_500_that_says_nothing_was_stored_and_what_to_remove()
            throws Exception {
        try (ServiceRunner runner = serve(Counters.DECIDER);
             ServiceClient client = ServiceClient.connect(new Options.Builder().server(nats.url()),
                     ClientOptions.defaults())) {
            request("a", "add", "{\"n\":1}");
            long at = nats.connection().jetStream().publish(name + ".a", "{\"n\":5}".getBytes(StandardCharsets.UTF_8))
                    .getSeqno();

            Message add = request("a", "add", "{\"n\":1}");
            Message value = request("a", "value", "");
            ServiceCallException sent = catchThrowableOfType(ServiceCallException.class,
                    () -> client.send("svc." + name + ".a.add", new Counters.Add(1)));

            for (Message reply : List.of(add, value)) {
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.ERROR_KIND)).isEqualTo(ServiceHeaders.UNREADABLE);
                assertThat(reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR))
                        .startsWith("message " + at + " on " + name + ".a is not a readable Rita event: ")
                        .contains("; nothing was stored, and retrying will not help: only Rita events may be stored"
                                + " on an aggregate's subject: the store's operator needs to remove this message from"
                                + " the stream (reference ")
                        .doesNotContain("try again", "send it again");
            }
            assertThat(sent.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
            assertThat(sent.mayBeStored()).isFalse();
            assertThat(logged.messages()).hasSize(1);
            assertThat(nats.connection().jetStreamManagement().getStreamInfo(name).getStreamState().getLastSequence())
                    .as("nothing stored after the message").isEqualTo(at);
        }
    }

    /**
     * A command sent again with its id to another instance, after another program appended an
     * event this service cannot read: the append is acknowledged as a duplicate (the command is
     * stored), and only the read after it fails. The reply must not say "nothing was stored".
     */
    @Test
    void a_resent_command_stored_before_an_unreadable_event_is_not_told_nothing_was_stored() {
        List<Route> routes = List.of(CommandRoute.of("svc." + name + ".*.add", Counters.Add.class,
                (req, command) -> name + "." + req.token(2), Counters.DECIDER),
                QueryRoute.of("svc." + name + ".*.value", req -> name + "." + req.token(2), Counters.DECIDER,
                        (state, req) -> state));
        Dispatcher first = Dispatcher.of(store, routes);
        Dispatcher second = Dispatcher.of(store, routes);
        Request add = Request.of("svc." + name + ".x.add", "{\"n\":1}".getBytes(StandardCharsets.UTF_8))
                .withHeader(ServiceHeaders.COMMAND_ID, "c1");
        assertThat(second.dispatch(Request.of("svc." + name + ".x.value", new byte[0])).isSuccess())
                .as("the second instance caches x before the command").isTrue();
        assertThat(first.dispatch(add).isSuccess()).isTrue();
        long at = mystery("x");

        Reply again = second.dispatch(add);

        assertThat(store.lastSequence()).as("stored once").isEqualTo(at);
        assertThat(again).isInstanceOfSatisfying(Reply.Failure.class, failure -> {
            assertThat(failure.code()).isEqualTo(500);
            assertThat(failure.headers()).doesNotContainEntry(ServiceHeaders.ERROR_KIND, ServiceHeaders.UNREADABLE);
            assertThat(failure.message()).doesNotContain("nothing was stored")
                    .contains("the command may or may not be stored; send it again with the same Rita-Command-Id");
        });
    }

    @Test
    void a_decider_that_skips_unknown_types_serves_on_and_counts_the_event_in_the_sequence() throws Exception {
        try (ServiceRunner runner = serve(new Skipping())) {
            request("a", "add", "{\"n\":1}");
            long at = mystery("a");

            Message add = request("a", "add", "{\"n\":2}");

            assertThat(add.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR)).isNull();
            assertThat(add.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo(Long.toString(at + 1));
            assertThat(new String(request("a", "value", "").getData(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":3}");
        }
    }

    /** The counters' decider, folded without the events it does not know. */
    private static final class Skipping implements Decider<Object, Added, Count> {
        @Override
        public Count initialState() {
            return Counters.DECIDER.initialState();
        }

        @Override
        public List<Added> decide(Count state, Object command) {
            return Counters.DECIDER.decide(state, command);
        }

        @Override
        public Count evolve(Count state, Added event) {
            return Counters.DECIDER.evolve(state, event);
        }

        @Override
        public boolean skipsUnknownEventTypes() {
            return true;
        }
    }
}
