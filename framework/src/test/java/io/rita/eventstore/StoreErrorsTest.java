package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusException;
import io.nats.client.api.Error;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.Status;
import org.junit.jupiter.api.Test;

import io.rita.internal.StoreSetupException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a store failure reaches the caller: unavailable (retry later, 503) or not, with a message that
 * says what happened and what to do, and the JetStream error found however deep it is wrapped.
 */
class StoreErrorsTest {

    /** JetStream's "bad request" (400, error 10003). */
    private static JetStreamApiException badRequest() {
        return new JetStreamApiException(Error.JsBadRequestErr);
    }

    private static JetStreamApiException api(int status) {
        return new JetStreamApiException(Error.convert(new Status(status, "status " + status)));
    }

    @Test
    void no_reply_is_unavailable_and_an_append_without_one_may_have_been_stored() {
        EventStoreException failure = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                new IOException("Timeout or no response waiting for NATS JetStream server"));

        assertThat(failure).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure.subject()).isEqualTo("orders.1");
        assertThat(failure.getMessage()).isEqualTo("cannot append to orders.1: Timeout or no response waiting for"
                + " NATS JetStream server; the outcome is unknown: retry with the same event ids, which stores them"
                + " once (and check that nats-server is running with JetStream and store 'orders' exists)");
    }

    @Test
    void a_read_without_reply_asks_whether_the_server_and_store_are_there() {
        EventStoreException failure = StoreErrors.failure("orders", "orders.1", "load orders.1",
                new TimeoutException("no reply"));

        assertThat(failure).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure.getMessage()).isEqualTo("cannot load orders.1: no reply; is nats-server running with"
                + " JetStream, and does store 'orders' exist?");
    }

    @Test
    void a_jetstream_error_names_its_code_and_is_unavailable_only_when_it_is_a_503() {
        EventStoreException refused = StoreErrors.failure("orders", null, "append to orders.1", badRequest());
        EventStoreException noLeader = StoreErrors.failure("orders", null, "append to orders.1", api(503));

        assertThat(refused).isNotInstanceOf(StoreUnavailableException.class);
        assertThat(refused.getMessage()).startsWith("cannot append to orders.1: ")
                .endsWith(" (JetStream error 10003)");
        assertThat(noLeader).isInstanceOf(StoreUnavailableException.class);
        assertThat(noLeader.getCause()).isInstanceOf(JetStreamApiException.class);
    }

    /** A JetStream error as the server sends it, read the way jnats reads a publish's answer. */
    private static JetStreamApiException api(int status, int code, String description) {
        String json = "{\"error\":{\"code\":" + status + ",\"err_code\":" + code + ",\"description\":\""
                + description + "\"}}";
        try {
            new PublishAck(NatsMessage.builder().subject("_INBOX.x").data(json.getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (JetStreamApiException e) {
            return e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("not an error: " + json);
    }

    /**
     * Only JetStream's 503s that pass by themselves are "unavailable": no leader for now, a store
     * that failed for now. A stream full under a discard-new limit (also a 503, with the same code
     * as a failed store) refused the append, and says what to change; "insufficient resources" is
     * no "send it again" either.
     */
    @Test
    void only_the_jetstream_503_that_passes_by_itself_is_unavailable() {
        EventStoreException noLeader = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                api(503, 10008, "JetStream system temporarily unavailable"));
        EventStoreException full = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                api(503, 10077, "maximum messages exceeded"));
        EventStoreException resources = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                api(503, 10023, "insufficient resources"));
        // the same error code for a store that failed, not a limit: it may pass, and in a cluster
        // the message may be stored all the same
        EventStoreException closed = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                api(503, 10077, "store is closed"));
        EventStoreException perSubject = StoreErrors.failure("orders", "orders.1", "append to orders.1",
                api(503, 10077, "maximum messages per subject exceeded"));

        assertThat(noLeader).isInstanceOf(StoreUnavailableException.class);
        assertThat(full).isInstanceOf(StoreSetupException.class).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("cannot append to orders.1: the stream of store 'orders' refused it (maximum"
                        + " messages exceeded), so nothing was stored.");
        assertThat(resources).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageEndingWith(" (JetStream error 10023)");
        assertThat(closed).isInstanceOf(StoreUnavailableException.class).isNotInstanceOf(StoreSetupException.class)
                .hasMessageEndingWith(" (JetStream error 10077)");
        assertThat(perSubject).isInstanceOf(StoreSetupException.class);
    }

    @Test
    void an_event_store_exception_passes_through_as_it_is() {
        EventStoreException conflict = new ConcurrencyConflictException("orders.1", 3, 4);

        assertThat(StoreErrors.failure("orders", "orders.1", "append to orders.1", conflict)).isSameAs(conflict);
    }

    @Test
    void tells_unavailable_from_other_failures_by_the_first_telling_cause() {
        assertThat(StoreErrors.unavailable(new IOException("closed"))).isTrue();
        assertThat(StoreErrors.unavailable(new TimeoutException())).isTrue();
        assertThat(StoreErrors.unavailable(new CancellationException())).isTrue();
        assertThat(StoreErrors.unavailable(new IllegalStateException(new IOException("closed")))).isTrue();
        assertThat(StoreErrors.unavailable(new JetStreamStatusException(new Status(503, "No Responders")))).isTrue();
        assertThat(StoreErrors.unavailable(new JetStreamStatusException(new Status(409, "Consumer Deleted")))).isFalse();
        assertThat(StoreErrors.unavailable(api(503))).isTrue();
        // the API error is the answer, whatever it wraps
        assertThat(StoreErrors.unavailable(new IllegalStateException(badRequest()))).isFalse();
        assertThat(StoreErrors.unavailable(new IllegalStateException("a bug"))).isFalse();
        assertThat(StoreErrors.unavailable(null)).isFalse();
    }

    @Test
    void finds_the_jetstream_error_under_wrappers_and_unwraps_futures_failures() {
        JetStreamApiException api = badRequest();
        IOException io = new IOException("closed");

        assertThat(StoreErrors.apiException(new CompletionException(new IllegalStateException(api)))).isSameAs(api);
        assertThat(StoreErrors.apiException(io)).isNull();
        assertThat(StoreErrors.unwrap(new CompletionException(new ExecutionException(io)))).isSameAs(io);
        assertThat(StoreErrors.unwrap(io)).isSameAs(io);
        CompletionException bare = new CompletionException("no cause", null);
        assertThat(StoreErrors.unwrap(bare)).isSameAs(bare);
    }
}
