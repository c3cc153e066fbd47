package io.rita.client;

import io.nats.client.Subscription;
import io.rita.aggregate.CommandOptions;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.StoredEvent;
import io.rita.internal.StoreSetupException;
import io.rita.service.DispatchOptions;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every result of a command, against a real service on a real nats-server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceClientCommandTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        String name = "c" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        tally = Tally.start(nats.connection(), name, DispatchOptions.defaults().withMaxBodyBytes(256));
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        client.close();
        tally.close();
    }

    @Test
    void an_accepted_command_comes_with_its_sequence_and_the_routes_reply() {
        tally.store.append(tally.events("other"), java.util.List.of(io.rita.eventstore.Event.of(new Tally.Added(1))));

        CommandResult result = client.send(tally.subject("a", "add"), new Tally.Add(2));

        assertThat(result).isInstanceOf(CommandResult.Accepted.class);
        CommandResult.Accepted accepted = (CommandResult.Accepted) result;
        assertThat(accepted.sequence()).isEqualTo(2).isEqualTo(tally.stored("a").getFirst().sequence());
        assertThat(client.decode(accepted.body(), Tally.Total.class)).isEqualTo(new Tally.Total(2, 1));
    }

    @Test
    void gives_every_command_an_id_of_its_own_and_the_service_stores_it_as_the_cause() {
        CommandResult first = client.send(tally.subject("a", "add"), new Tally.Add(1));
        CommandResult second = client.send(tally.subject("a", "add"), new Tally.Add(1));

        assertThat(first.commandId()).isNotBlank().isNotEqualTo(second.commandId());
        assertThat(tally.stored("a")).extracting(event -> event.meta().get("causation-id"))
                .containsExactly(first.commandId(), second.commandId());
    }

    @Test
    void a_command_sent_again_with_the_same_id_is_stored_once() {
        CommandOptions once = CommandOptions.defaults().withCommandId("add-7-once");

        CommandResult first = client.send(tally.subject("a", "add"), new Tally.Add(7), once);
        CommandResult again = client.send(tally.subject("a", "add"), new Tally.Add(7), once);

        assertThat(again).isEqualTo(first);
        assertThat(first.commandId()).isEqualTo("add-7-once");
        assertThat(tally.stored("a")).hasSize(1);
    }

    @Test
    void passes_the_correlation_id_and_the_trace_context_to_the_events() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        client.send(tally.subject("a", "add"), new Tally.Add(1), CommandOptions.defaults()
                .withCorrelationId("checkout-42").withMeta("traceparent", traceparent));

        StoredEvent stored = tally.stored("a").getFirst();
        assertThat(stored.meta()).containsEntry("correlation-id", "checkout-42")
                .containsEntry("traceparent", traceparent);
    }

    @Test
    void a_rejected_command_carries_the_domains_message_and_stores_nothing() {
        CommandResult result = client.send(tally.subject("a", "add"), new Tally.Add(Tally.LIMIT + 1));

        assertThat(result).isEqualTo(new CommandResult.Rejected(result.commandId(), "tally: limit is 100"));
        assertThat(tally.stored("a")).isEmpty();
    }

    @Test
    void decides_only_at_the_expected_sequence_and_else_answers_the_current_one() {
        long seen = ((CommandResult.Accepted) client.send(tally.subject("a", "add"), new Tally.Add(1))).sequence();

        CommandResult onTime = client.send(tally.subject("a", "add"), new Tally.Add(2),
                CommandOptions.defaults().withExpected(Expected.sequence(seen)));
        CommandResult late = client.send(tally.subject("a", "add"), new Tally.Add(4),
                CommandOptions.defaults().withExpected(Expected.sequence(seen)));

        assertThat(onTime).isInstanceOf(CommandResult.Accepted.class);
        long now = ((CommandResult.Accepted) onTime).sequence();
        assertThat(late).isInstanceOfSatisfying(CommandResult.Conflict.class, conflict -> {
            assertThat(conflict.sequence()).isEqualTo(now);
            assertThat(conflict.message()).isEqualTo("expected sequence " + seen + " but " + tally.events("a") + " is at "
                    + now + ": refresh and decide again");
        });
        assertThat(tally.stored("a")).extracting(event -> ((Tally.Added) event.data()).n()).containsExactly(1, 2);
    }

    @Test
    void a_command_the_service_cannot_read_is_a_bad_request() {
        CommandResult missingField = client.send(tally.subject("a", "add"), Map.of("m", 1));   // no n
        CommandResult tooLarge = client.send(tally.subject("a", "add"), new byte[1024]);

        assertThat(missingField).isEqualTo(new CommandResult.BadRequest(missingField.commandId(),
                "bad request body: field 'n' is missing or null"));
        assertThat(tooLarge).isEqualTo(new CommandResult.BadRequest(tooLarge.commandId(),
                "request body is 1024 bytes, over the limit of 256 bytes"));
        assertThat(tally.stored("a")).isEmpty();
    }

    /** A command sent to a query's subject was answered with the state: "accepted", with nothing stored. */
    @Test
    void a_command_sent_to_a_query_is_a_bad_request_not_accepted() {
        CommandResult result = client.send(tally.subject("a", "total"), new Tally.Add(2));

        assertThat(result).isInstanceOfSatisfying(CommandResult.BadRequest.class, bad ->
                assertThat(bad.message()).isEqualTo("'total' on " + tally.subject("a", "total") + " is a query: it"
                        + " stores nothing, and a request with a Rita-Command-Id is a command; send the command to its"
                        + " command route, or ask the query without a command id"));
        assertThat(tally.stored("a")).isEmpty();
        assertThat(client.query(tally.subject("a", "total"), Tally.Total.class).state())
                .as("the query itself still answers").isEqualTo(new Tally.Total(0, 0));
    }

    @Test
    void an_operation_no_route_serves_is_not_found() {
        CommandResult result = client.send(tally.subject("a", "sing"), new Tally.Add(1));

        assertThat(result).isEqualTo(new CommandResult.NotFound(result.commandId(), "unknown service operation"));
    }

    @Test
    void a_service_at_its_limit_is_unavailable() {
        // the only 503 a runner answers: a stream route at its limit (one stream for 'busy')
        try (LiveStream holding = client.stream(tally.subject("a", "busy"), tally.name + ".busy")) {
            CommandResult result = client.send(tally.subject("a", "busy"), Map.of("id", "second"));

            assertThat(holding.isOpen()).isTrue();
            assertThat(result).isEqualTo(new CommandResult.Unavailable(result.commandId(),
                    "too many live streams of 'busy' (1); try again once an earlier client has gone"));
        }
    }

    @Test
    void a_store_that_is_not_set_up_says_nothing_was_stored_and_that_sending_again_will_not_help() {
        tally.counting.beforeAppend = subject -> {
            throw new StoreSetupException(subject, "cannot append to " + subject + ": store 'x' does not exist", null);
        };

        ServiceCallException failed = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(3)));

        assertThat(failed.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
        assertThat(failed.code()).isEqualTo(500);
        assertThat(failed.mayBeStored()).isFalse();
        assertThat(failed.getMessage()).contains("nothing was stored, and sending it again will not help until the"
                + " service's operator fixes the store").doesNotContain("may or may not");
        assertThat(tally.stored("a")).isEmpty();
    }

    @Test
    void a_failure_of_the_service_says_the_command_may_be_stored_and_how_to_send_it_again() {
        tally.counting.beforeAppend = subject -> {
            throw new EventStoreException(subject, "the store is away", null);
        };

        ServiceCallException failed = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(3)));

        assertThat(failed.kind()).isEqualTo(ServiceCallException.Kind.FAILED);
        assertThat(failed.code()).isEqualTo(500);
        assertThat(failed.mayBeStored()).isTrue();
        assertThat(failed.commandId()).isNotBlank();
        assertThat(failed.getMessage()).contains("the command may or may not be stored; send it again with the same "
                + "Rita-Command-Id and it counts once");

        tally.counting.beforeAppend = subject -> { };
        CommandResult again = client.send(tally.subject("a", "add"), new Tally.Add(3),
                CommandOptions.defaults().withCommandId(failed.commandId()));
        assertThat(again).isInstanceOf(CommandResult.Accepted.class);
        assertThat(tally.stored("a")).hasSize(1);
    }

    @Test
    void a_command_stored_whose_answer_was_lost_is_stored_once_when_sent_again_with_its_id() {
        tally.counting.afterAppend = subject -> {
            tally.counting.afterAppend = s -> { };
            throw new EventStoreException(subject, "no answer: the outcome is unknown", null);
        };

        ServiceCallException failed = catchThrowableOfType(ServiceCallException.class,
                () -> client.send(tally.subject("a", "add"), new Tally.Add(3)));
        assertThat(failed.mayBeStored()).isTrue();
        assertThat(tally.stored("a")).hasSize(1); // it was

        CommandResult again = client.send(tally.subject("a", "add"), new Tally.Add(3),
                CommandOptions.defaults().withCommandId(failed.commandId()));

        assertThat(again).isInstanceOfSatisfying(CommandResult.Accepted.class,
                accepted -> assertThat(accepted.sequence()).isEqualTo(tally.stored("a").getFirst().sequence()));
        assertThat(tally.stored("a")).hasSize(1);
    }

    @Test
    void refuses_what_a_service_cannot_take_before_sending_anything() {
        assertThatThrownBy(() -> client.send(tally.subject("a", "add"), new Tally.Add(1),
                CommandOptions.defaults().withMeta("tenant", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a service stores only 'traceparent' metadata from a request, not 'tenant'; leave it out, "
                        + "or send it in the command");
        assertThatThrownBy(() -> client.send(tally.name + ".services.*.add", new Tally.Add(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a request needs a concrete subject");
        assertThat(tally.counting.appends).hasValue(0);
    }

    /** A request over the server's max_payload is refused with the subject and the id, and nothing is sent. */
    @Test
    void refuses_a_request_larger_than_the_server_takes_before_sending_anything() throws Exception {
        Subscription listening = nats.connection().subscribe(tally.name + ".big.>");
        nats.connection().flush(Duration.ofSeconds(5));
        long max = nats.connection().getMaxPayload();
        byte[] body = new byte[(int) max];
        String subject = tally.name + ".big.a.add";

        assertThatThrownBy(() -> client.send(subject, body, CommandOptions.defaults().withCommandId("big-1")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the request to " + subject + " (command id big-1) is ")
                .hasMessageEndingWith(" bytes with its headers, over the " + max + " bytes the NATS server takes"
                        + " (max_payload); nothing was sent: make it smaller");
        assertThatThrownBy(() -> client.query(subject, new byte[(int) max + 1], String.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the request to " + subject + " (query) is " + (max + 1) + " bytes with its headers,"
                        + " over the " + max + " bytes the NATS server takes (max_payload); nothing was sent: make it"
                        + " smaller");
        assertThat(listening.nextMessage(Duration.ofMillis(300))).as("nothing sent").isNull();
    }

    record Measure(double value, Float ratio, List<Double> samples, double[] raw) {
    }

    record Quoted(@com.fasterxml.jackson.annotation.JsonFormat(
            shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING) double value) {
    }

    /**
     * JSON has no NaN or infinity (Jackson would write them as strings, which a service refuses
     * with a 400): the default mapper refuses them before anything is sent, naming the field;
     * finite numbers are written as before.
     */
    @Test
    void refuses_a_number_json_cannot_carry_before_sending_anything() throws Exception {
        Subscription listening = nats.connection().subscribe(tally.name + ".measures.>");
        nats.connection().flush(Duration.ofSeconds(5));
        String subject = tally.name + ".measures.a.note";
        Map<Measure, String> refused = Map.of(
                new Measure(Double.NaN, 1f, List.of(), new double[0]), "field 'value' is NaN",
                new Measure(1, Float.POSITIVE_INFINITY, List.of(), new double[0]), "field 'ratio' is Infinity",
                new Measure(1, 1f, List.of(2.0, Double.NEGATIVE_INFINITY), new double[0]),
                "an element of 'samples' is -Infinity",
                new Measure(1, 1f, List.of(), new double[]{Double.NaN}), "an element of 'raw' is NaN");

        refused.forEach((measure, field) -> {
            assertThatThrownBy(() -> client.send(subject, measure)).as(field)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot write " + Measure.class.getName() + " as JSON: " + field
                            + ", which JSON cannot carry (a service refuses it): send a finite number, or null");
            assertThatThrownBy(() -> client.query(subject, measure, String.class)).as(field)
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
        });
        assertThat(listening.nextMessage(Duration.ofMillis(300))).as("nothing sent").isNull();
        assertThat(ClientOptions.defaults().json().writeValueAsString(
                new Measure(1.5, 0.1f, List.of(-2.25), new double[]{1e300})))
                .isEqualTo("{\"value\":1.5,\"ratio\":0.1,\"samples\":[-2.25],\"raw\":[1.0E300]}");
        assertThat(ClientOptions.defaults().json().writeValueAsString(new Quoted(1.5)))
                .as("a field that asks for a string").isEqualTo("{\"value\":\"1.5\"}");
    }
}
