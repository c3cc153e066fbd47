package io.rita.internal;

import io.nats.client.JetStreamStatusException;
import io.nats.client.support.NatsRequestCompletableFuture;
import io.nats.client.support.NatsRequestCompletableFuture.CancelAction;
import io.nats.client.support.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RequestFailure}: why a jnats request failed, told from the request's own future and its error. */
@Timeout(10)
class RequestFailureTest {

    private static NatsRequestCompletableFuture request() {
        return new NatsRequestCompletableFuture(CancelAction.CANCEL, Duration.ofMinutes(1), false);
    }

    @Test
    void a_request_cancelled_for_its_time_timed_out_whoever_cancelled_it() {
        NatsRequestCompletableFuture late = request();
        late.cancelTimedOut();

        assertThat(RequestFailure.of(late, new CancellationException())).isEqualTo(RequestFailure.TIMED_OUT);
        assertThat(RequestFailure.of(new CompletableFuture<>(), new TimeoutException()))
                .isEqualTo(RequestFailure.TIMED_OUT);
    }

    @Test
    void a_request_cancelled_by_its_connection_closing_says_so() {
        NatsRequestCompletableFuture closed = request();
        closed.cancelClosing();

        assertThat(RequestFailure.of(closed, new CancellationException())).isEqualTo(RequestFailure.CONNECTION_CLOSED);
    }

    @Test
    void any_other_cancellation_and_a_503_status_mean_nobody_listens() {
        assertThat(RequestFailure.of(request(), new CancellationException())).isEqualTo(RequestFailure.NO_RESPONDERS);
        assertThat(RequestFailure.of(request(), new JetStreamStatusException(new Status(503, "No Responders"))))
                .isEqualTo(RequestFailure.NO_RESPONDERS);
    }

    @Test
    void other_failures_are_left_to_say_what_they_are() {
        assertThat(RequestFailure.of(request(), new JetStreamStatusException(new Status(408, "Request Timeout"))))
                .isEqualTo(RequestFailure.OTHER);
        assertThat(RequestFailure.of(request(), new IOException("refused"))).isEqualTo(RequestFailure.OTHER);
    }
}
