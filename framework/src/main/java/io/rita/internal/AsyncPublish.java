package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * An asynchronous publish to JetStream that waits a timeout of its own ({@code RitaOptions.timeout()})
 * for its acknowledgement: an append, or a write of a projection's view. jnats' {@code publishAsync}
 * waits the connection's timeout instead, and notices that it passed only at its next request
 * cleanup (every 5 s by default). This sends the same request and reads the reply as jnats does,
 * in jnats' words where the store's failure diagnosis reads them. Not API.
 */
public final class AsyncPublish {

    /** How jnats' publish begins the message of a status reply; "503 No Responders" after it means no stream took the subject. */
    private static final String ERROR_PUBLISHING = "Error Publishing: ";

    private final Connection connection;
    private final Duration timeout;
    private final Deadlines deadlines;

    public AsyncPublish(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
        this.deadlines = new Deadlines(timeout);
    }

    /**
     * Publishes {@code message}; the future completes with the acknowledgement, or exceptionally
     * (wrapped in a {@link CompletionException}) with the server's refusal
     * ({@link JetStreamApiException}), an {@link IOException} ("no responders": no stream takes
     * the subject), a {@link TimeoutException} (no reply in time), or a
     * {@link CancellationException} (the connection closed first).
     */
    public CompletableFuture<PublishAck> publish(Message message) {
        CompletableFuture<Message> request = deadlines.bound(connection.requestWithTimeout(message, timeout));
        return request.handle((reply, error) -> acknowledgement(request, reply, error));
    }

    private PublishAck acknowledgement(CompletableFuture<Message> request, Message reply, Throwable error) {
        try {
            if (error != null) {
                switch (RequestFailure.of(request, error)) {
                    case TIMED_OUT -> throw new TimeoutException("no reply within " + timeout.toMillis() + " ms");
                    case NO_RESPONDERS -> throw new IOException(ERROR_PUBLISHING
                            + "503 No Responders Available For Request", error);
                    default -> throw error;
                }
            }
            if (reply.isStatusMessage()) {
                throw new IOException(ERROR_PUBLISHING + reply.getStatus().getMessageWithCode());
            }
            return new PublishAck(reply);
        } catch (Throwable e) {
            throw new CompletionException(e);
        }
    }
}
