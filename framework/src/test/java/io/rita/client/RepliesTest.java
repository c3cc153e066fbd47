package io.rita.client;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.service.ServiceHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the client reads a reply's headers and body (what services of other languages may send
 * too), and the small values its messages and results are made of.
 */
class RepliesTest {

    private static Message reply(String body, String... headers) {
        Headers h = new Headers();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return NatsMessage.builder().subject("_INBOX.x").headers(headers.length == 0 ? null : h)
                .data(body == null ? null : body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void a_reply_without_error_headers_is_a_success() {
        assertThat(Replies.code(reply("ok"))).isZero();
        assertThat(Replies.code(reply("ok", ServiceHeaders.SEQUENCE, "7"))).isZero();
    }

    @Test
    void an_error_code_is_read_and_one_that_cannot_be_read_is_a_500() {
        assertThat(Replies.code(reply("", ServiceHeaders.SERVICE_ERROR_CODE, "409"))).isEqualTo(409);
        assertThat(Replies.code(reply("", ServiceHeaders.SERVICE_ERROR_CODE, " 404 "))).isEqualTo(404);
        assertThat(Replies.code(reply("", ServiceHeaders.SERVICE_ERROR_CODE, "teapot"))).isEqualTo(500);
        assertThat(Replies.code(reply("", ServiceHeaders.SERVICE_ERROR_CODE, "0"))).as("an error that says 0")
                .isEqualTo(500);
        assertThat(Replies.code(reply("", ServiceHeaders.SERVICE_ERROR, "broken"))).as("an error without a code")
                .isEqualTo(500);
    }

    @Test
    void a_failures_text_is_its_body_else_its_error_header() {
        assertThat(Replies.text(reply("seat A1 is taken", ServiceHeaders.SERVICE_ERROR, "seat"))).isEqualTo(
                "seat A1 is taken");
        assertThat(Replies.text(reply("", ServiceHeaders.SERVICE_ERROR, "not found"))).isEqualTo("not found");
        assertThat(Replies.text(reply(null, ServiceHeaders.SERVICE_ERROR_CODE, "500"))).isEmpty();
        assertThat(Replies.text(reply(null))).isEmpty();
    }

    @Test
    void a_sequence_is_read_or_unknown() {
        assertThat(Replies.sequence(reply("", ServiceHeaders.SEQUENCE, "42"))).isEqualTo(42);
        assertThat(Replies.sequence(reply("", ServiceHeaders.SEQUENCE, " 42 "))).isEqualTo(42);
        assertThat(Replies.sequence(reply("", ServiceHeaders.SEQUENCE, "forty-two")))
                .isEqualTo(CommandResult.UNKNOWN_SEQUENCE);
        assertThat(Replies.sequence(reply("", ServiceHeaders.SERVICE_ERROR_CODE, "409")))
                .isEqualTo(CommandResult.UNKNOWN_SEQUENCE);
        assertThat(Replies.sequence(reply(""))).isEqualTo(CommandResult.UNKNOWN_SEQUENCE);
    }

    @Test
    void an_accepted_result_is_a_value_of_its_id_sequence_and_body() {
        CommandResult.Accepted one = new CommandResult.Accepted("c-1", 7, "{\"seat\":\"A1\"}".getBytes(StandardCharsets.UTF_8));
        CommandResult.Accepted same = new CommandResult.Accepted("c-1", 7, "{\"seat\":\"A1\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one.hashCode()).as("spread over the values, not one for all")
                .isNotEqualTo(new CommandResult.Accepted("c-2", 7, one.body()).hashCode());
        assertThat(one).isNotEqualTo(new CommandResult.Accepted("c-2", 7, one.body()))
                .isNotEqualTo(new CommandResult.Accepted("c-1", 8, one.body()))
                .isNotEqualTo(new CommandResult.Accepted("c-1", 7, new byte[0]))
                .isNotEqualTo("c-1");
        assertThat(one.text()).isEqualTo("{\"seat\":\"A1\"}");
        assertThat(one).hasToString("Accepted[commandId=c-1, sequence=7, body={\"seat\":\"A1\"}]");
        assertThat(new CommandResult.Accepted("c-1", 7, null).body()).isEmpty();
    }

    @Test
    void a_timeout_is_told_in_seconds() {
        assertThat(Faults.seconds(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(Faults.seconds(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Faults.seconds(Duration.ofMillis(250))).isEqualTo("0.25 s");
    }

    @Test
    void a_call_exception_names_its_subject() {
        ServiceCallException e = new ServiceCallException(ServiceCallException.Kind.REJECTED, "shows.services.gala.reserve-seat",
                "c-1", 400, null, false, "seat A1 is taken", null);

        assertThat(e.subject()).isEqualTo("shows.services.gala.reserve-seat");
        assertThat(e.commandId()).isEqualTo("c-1");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.mayBeStored()).isFalse();
        assertThat(new ServiceCallException(ServiceCallException.Kind.TIMEOUT, "s", "c-2", 0, null, true, "timed out",
                null).mayBeStored()).isTrue();
    }
}
