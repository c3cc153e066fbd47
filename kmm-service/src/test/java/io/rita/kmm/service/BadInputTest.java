package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Raw NATS requests that no well-behaved client sends: each gets an error reply with a clear
 * text and the service-API error headers, nothing is appended, and the service keeps serving.
 */
class BadInputTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static KmmServer service;

    @BeforeAll
    static void startService() {
        service = KmmServer.start(KmmServerOptions.connectingTo(nats.url()));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    static Stream<Arguments> bad_bodies() {
        String digits = "9".repeat(10_000);
        return Stream.of(
                arguments("deposit-funds", "", "kmm: request body must be a JSON object like " + FundsRequest.EXAMPLE),
                arguments("deposit-funds", "fifty", "kmm: request body is not valid JSON"),
                arguments("deposit-funds", "{\"Amount\":", "kmm: request body is not valid JSON"),
                arguments("deposit-funds", "[1,2]", "kmm: request body must be a JSON object like " + FundsRequest.EXAMPLE),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"Description\":{}}", "kmm: Description has the wrong type"),
                arguments("deposit-funds", "null", "kmm: request body must be a JSON object"),
                arguments("deposit-funds", "{}", "kmm: amount is required"),
                arguments("deposit-funds", "{\"Amount\":\"fifty\"}", "kmm: Amount must be a decimal number like \"7.5\", was \"fifty\""),
                arguments("deposit-funds", "{\"Amount\":true}", "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Amount\":{\"x\":1}}", "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Amount\":\"NaN\"}", "kmm: Amount must be a decimal number"),
                arguments("deposit-funds", "{\"Amount\":\"-5\"}", "kmm: amount must be greater than zero"),
                arguments("deposit-funds", "{\"Amount\":\"0\"}", "kmm: amount must be greater than zero"),
                arguments("withdraw-funds", "{\"Amount\":0}", "kmm: amount must be greater than zero"),
                arguments("deposit-funds", "{\"Amount\":\"1e999999\"}", "kmm: amount must be less than 1000000000000000"),
                arguments("deposit-funds", "{\"Amount\":1e999999}", "kmm: amount must be less than 1000000000000000"),
                arguments("deposit-funds", "{\"Amount\":\"1e-999999\"}", "kmm: amount must have at most 10 decimal places"),
                arguments("deposit-funds", "{\"Amount\":\"" + digits + "\"}", "kmm: Amount must be a decimal number of at most 100 characters"),
                arguments("deposit-funds", "{\"Amount\":" + digits + "}", "kmm: request body is not valid JSON (Number"
                        + " value length (10000) exceeds the maximum allowed (100)); expected an object like "
                        + FundsRequest.EXAMPLE),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"X\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                        "kmm: request body is not valid JSON"),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"Description\":\"" + "x".repeat(2_000) + "\"}",
                        "kmm: description must be at most 1000 characters"),
                arguments("deposit-funds", "{\"Amount\":\"5\",\"Description\":\"" + "x".repeat(100_000) + "\"}",
                        "request body is 100"),
                arguments("set-budget", "{\"MaxAmount\":\"20\",\"Period\":\"yearly\"}", "kmm: period must be minutely, daily, weekly, monthly"),
                arguments("set-budget", "{\"MaxAmount\":\"20\"}", "kmm: period must be minutely, daily, weekly, monthly"),
                arguments("set-budget", "{\"MaxAmount\":\"-1\",\"Period\":\"daily\"}", "kmm: max amount must not be negative"),
                arguments("set-budget", "{\"Period\":\"daily\"}", "kmm: max amount is required"),
                arguments("withdraw-funds", "{\"Amount\":\"5\"}", "kmm: insufficient funds"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource
    void bad_bodies(String operation, String body, String error) {
        String account = "bad-" + Integer.toHexString(body.hashCode());
        long before = messagesStored();

        Message reply = request("kmm.services." + account + "." + operation, body);

        assertThat(text(reply)).startsWith(error);
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error")).isNotBlank();
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code"))
                .isEqualTo(error.startsWith("request body is 100") ? "413" : "400");
        assertThat(messagesStored()).isEqualTo(before);
        assertServiceStillServes();
    }

    static Stream<Arguments> bad_subjects() {
        return Stream.of(
                arguments("kmm.services.susie.pay", "unknown service operation"),
                arguments("kmm.services.susie.balance.now", "unknown service operation"),
                arguments("kmm.services.su.sie.deposit-funds", "unknown service operation"),
                arguments("kmm.services.su*sie.deposit-funds", "request subject token 2 must be one subject token"),
                arguments("kmm.services.su>sie.balance", "request subject token 2 must be one subject token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bad_subjects(String subject, String error) {
        long before = messagesStored();

        Message reply = request(subject, "{\"Amount\":\"5\"}");

        assertThat(text(reply)).startsWith(error);
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isIn("400", "404");
        assertThat(messagesStored()).isEqualTo(before);
    }

    @Test
    void a_ledger_request_whose_id_is_not_one_subject_token_is_refused() {
        Message reply = request("kmm.services.susie.ledger", "{\"id\":\"kmm.events.accounts.bobby\"}");

        assertThat(text(reply)).startsWith("a stream request body must be {\"id\":\"<one subject token>\"}");
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
    }

    @Test
    void a_ledger_request_without_an_id_is_refused() {
        Message reply = request("kmm.services.susie.ledger", "{}");

        assertThat(text(reply)).startsWith("a stream request body must be {\"id\":\"<one subject token>\"}");
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
    }

    @Test
    void a_json_number_amount_is_stored_exactly_as_a_trimmed_decimal() {
        Message reply = request("kmm.services.numbers.deposit-funds", "{\"Amount\":0.10,\"Description\":\"dime\"}");
        assertThat(reply.getHeaders().getFirst("Nats-Service-Error")).isNull();

        Message balance = request("kmm.services.numbers.balance", "");

        assertThat(text(balance)).isEqualTo("{\"Amount\":\"0.1\"}");
    }

    private static void assertServiceStillServes() {
        Message reply = request("kmm.services.still-serving.balance", "");
        assertThat(text(reply)).isEqualTo("{\"Amount\":\"0\"}");
    }

    private static Message request(String subject, String body) {
        try {
            Connection connection = nats.connection();
            Message reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
            assertThat(reply).as("a reply to %s within 10 s", subject).isNotNull();
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String text(Message reply) {
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    private static long messagesStored() {
        JetStreamEventStore store = Rita.of(nats.connection()).eventStore(KmmSubjects.STORE);
        return store.info().messages();
    }
}
