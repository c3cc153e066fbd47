package io.rita.internal;

import io.nats.client.JetStreamStatusException;
import io.nats.client.support.NatsRequestCompletableFuture;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Why a jnats request failed. jnats cancels a request that timed out, one nobody could answer and
 * one whose connection closed alike; only the request's own future tells them apart. A connection
 * with {@code reportNoResponders()} says "nobody" with a status exception instead. Not API.
 */
public enum RequestFailure {

    /** No reply came in time (jnats' timeout, or {@link Deadlines}'). */
    TIMED_OUT,
    /** The connection closed before a reply came. */
    CONNECTION_CLOSED,
    /** Nobody listens on the subject (the server said so at once): no such stream, or no JetStream. */
    NO_RESPONDERS,
    /** Anything else: the failure says it itself. */
    OTHER;

    /** Why {@code request} failed with {@code error} (as its future, or a stage on it, reports it). */
    public static RequestFailure of(CompletableFuture<?> request, Throwable error) {
        NatsRequestCompletableFuture nats = request instanceof NatsRequestCompletableFuture future ? future : null;
        if (error instanceof TimeoutException || nats != null && nats.wasCancelledTimedOut()) {
            return TIMED_OUT;
        }
        if (nats != null && nats.wasCancelledClosing()) {
            return CONNECTION_CLOSED;
        }
        if (error instanceof CancellationException
                || error instanceof JetStreamStatusException status && status.getStatus() != null
                && status.getStatus().getCode() == 503) {
            return NO_RESPONDERS;
        }
        return OTHER;
    }
}
