package io.rita.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.rita.aggregate.Folded;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Queries decoded into records, and what a query is told when the service says no. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceClientQueryTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private String name;
    private Tally tally;
    private ServiceClient client;

    @BeforeEach
    void start(TestInfo test) {
        name = "q" + Integer.toHexString(test.getDisplayName().hashCode() & 0x7fffffff);
        client = ServiceClient.of(nats.connect(), ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        client.close();
        if (tally != null) {
            tally.close();
        }
    }

    /** The reply of {@code total} read into a record of the caller's, with fewer fields than the service sends. */
    record Value(int value) {
    }

    @Test
    void decodes_the_answer_into_a_record_with_the_sequence_it_reflects() {
        tally = Tally.start(nats.connection(), name);
        client.send(tally.subject("a", "add"), new Tally.Add(3));
        CommandResult.Accepted last = (CommandResult.Accepted) client.send(tally.subject("a", "add"), new Tally.Add(4));

        Folded<Tally.Total> total = client.query(tally.subject("a", "total"), Tally.Total.class);
        Folded<Value> value = client.query(tally.subject("a", "total"), Value.class);
        Folded<String> text = client.query(tally.subject("a", "total"), String.class);

        assertThat(total).isEqualTo(new Folded<>(new Tally.Total(7, 2), last.sequence()));
        assertThat(value.state()).isEqualTo(new Value(7));
        assertThat(text.state()).isEqualTo("{\"value\":7,\"adds\":2}");
    }

    @Test
    void reads_and_writes_the_names_the_service_uses() {
        ObjectMapper goStyle = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
        tally = Tally.start(nats.connection(), name, DispatchOptions.defaults().withJson(goStyle));
        ServiceClient go = ServiceClient.of(nats.connect(), ClientOptions.defaults().withJson(goStyle));

        CommandResult added = go.send(tally.subject("a", "add"), new Tally.Add(5));
        String wire = client.query(tally.subject("a", "total"), String.class).state();
        Folded<Tally.Total> total = go.query(tally.subject("a", "total"), Tally.Total.class);

        assertThat(added).isInstanceOf(CommandResult.Accepted.class);
        assertThat(wire).isEqualTo("{\"Value\":5,\"Adds\":1}");
        assertThat(total.state()).isEqualTo(new Tally.Total(5, 1));
    }

    @Test
    void the_services_refusals_are_exceptions_with_its_own_words() {
        tally = Tally.start(nats.connection(), name);

        ServiceCallException rejected = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("secret", "total"), Tally.Total.class));
        ServiceCallException badRequest = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "total"), Map.of("page", 2), Tally.Total.class));
        ServiceCallException notFound = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "average"), Tally.Total.class));

        assertThat(List.of(rejected, badRequest, notFound)).extracting(ServiceCallException::kind)
                .containsExactly(ServiceCallException.Kind.REJECTED, ServiceCallException.Kind.BAD_REQUEST,
                        ServiceCallException.Kind.NOT_FOUND);
        assertThat(List.of(rejected, badRequest, notFound)).extracting(ServiceCallException::getMessage)
                .containsExactly("tally: secret is not for you", "total takes no body", "unknown service operation");
        assertThat(List.of(rejected, badRequest, notFound)).extracting(ServiceCallException::code)
                .containsExactly(400, 400, 404);
        assertThat(rejected.mayBeStored()).isFalse();
    }

    /** A record the reply of {@code total} does not fit. */
    record Names(List<String> value) {
    }

    @Test
    void a_reply_that_does_not_fit_the_record_is_unreadable() {
        tally = Tally.start(nats.connection(), name);
        client.send(tally.subject("a", "add"), new Tally.Add(3));

        ServiceCallException unreadable = catchThrowableOfType(ServiceCallException.class,
                () -> client.query(tally.subject("a", "total"), Names.class));

        assertThat(unreadable.kind()).isEqualTo(ServiceCallException.Kind.UNREADABLE);
        assertThat(unreadable.getMessage()).startsWith("the reply from " + tally.subject("a", "total")
                + " is not a Names: ").endsWith("; the client's record and the service's reply disagree");
    }
}
