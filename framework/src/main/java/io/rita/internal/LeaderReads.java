package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads that only the stream's leader answers: stream info and {@code $JS.API.STREAM.MSG.GET}.
 * Not API.
 *
 * <p>Why not direct get: on a replicated stream with {@code allow_direct}, every replica answers
 * direct gets from its own copy, and a follower may not have applied the latest writes yet. The
 * leader applies a write before it acknowledges it, and one leader's state only grows, so of two
 * reads answered by the same leader the second sees at least what the first saw.
 */
public final class LeaderReads {

    private final Connection connection;
    private final JetStreamManagement management;
    private final String stream;
    private final String messageGet;
    private final Duration timeout;
    private final Deadlines deadlines;

    public LeaderReads(Connection connection, JetStreamManagement management, String stream, Duration timeout) {
        this.connection = connection;
        this.management = management;
        this.stream = stream;
        this.messageGet = "$JS.API.STREAM.MSG.GET." + stream;
        this.timeout = timeout;
        this.deadlines = new Deadlines(timeout);
    }

    /** Why a request got no reply, from the request's own future (jnats cancels for several reasons alike). */
    private IOException unanswered(CompletableFuture<Message> request, Throwable cause) {
        return switch (RequestFailure.of(request, cause)) {
            case TIMED_OUT -> new IOException("no reply to " + messageGet + " within " + timeout.toMillis() + " ms",
                    cause);
            case CONNECTION_CLOSED -> new IOException("no reply to " + messageGet + ": the connection closed first",
                    cause);
            default -> new IOException("no server answered " + messageGet + ": does stream '" + stream + "' exist?",
                    cause);
        };
    }

    /**
     * The stream's last sequence: of the last message ever stored, even if it was deleted since.
     * Asked through the management given, which waits its own request timeout.
     */
    public long lastSequence() throws IOException, JetStreamApiException {
        return management.getStreamInfo(stream).getStreamState().getLastSequence();
    }

    /** The last message on {@code subject} (wildcards allowed), or empty when there is none. */
    public Optional<StoredMessage> last(String subject) throws IOException, JetStreamApiException, InterruptedException {
        return get("{\"last_by_subj\":" + DirectGet.quote(subject) + "}");
    }

    /** The first message on {@code subject} with a sequence of at least {@code fromSequence}, or empty. */
    public Optional<StoredMessage> next(String subject, long fromSequence)
            throws IOException, JetStreamApiException, InterruptedException {
        return get("{\"seq\":" + fromSequence + ",\"next_by_subj\":" + DirectGet.quote(subject) + "}");
    }

    /** The message stored at {@code sequence}, or empty when there is none. */
    public Optional<StoredMessage> at(long sequence) throws IOException, JetStreamApiException, InterruptedException {
        return get("{\"seq\":" + sequence + "}");
    }

    private Optional<StoredMessage> get(String request) throws IOException, JetStreamApiException, InterruptedException {
        // the asynchronous request with our own deadline: jnats' synchronous one answers null both
        // when no reply came in time and when nobody listens
        CompletableFuture<Message> pending = deadlines.bound(connection.requestWithTimeout(messageGet,
                request.getBytes(StandardCharsets.UTF_8), timeout));
        Message reply;
        try {
            reply = pending.get();
        } catch (ExecutionException | CancellationException e) {
            throw unanswered(pending, e instanceof ExecutionException ? e.getCause() : e);
        }
        MessageInfo info = new MessageInfo(reply, stream, false);
        if (info.hasError()) {
            if (info.getApiErrorCode() == ApiErrors.NO_MESSAGE_FOUND) {
                return Optional.empty();
            }
            info.throwOnHasError();
        }
        if (info.isStatus()) {
            throw new IOException(messageGet + " failed: " + info.getStatus());
        }
        Headers headers = info.getHeaders() == null ? new Headers() : info.getHeaders();
        return Optional.of(new StoredMessage(info.getSubject(), info.getSeq(), headers, info.getData()));
    }
}
