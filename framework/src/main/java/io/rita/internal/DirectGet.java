package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * JetStream's direct get ({@code $JS.API.DIRECT.GET.<stream>}): one request, one stored
 * message back, answered by any server holding the stream. Used to learn a subject's last
 * sequence (the load cut-off) and to read a few messages without creating a consumer.
 * Not API.
 */
public final class DirectGet {

    /** The stored message's sequence, in the reply's headers. */
    public static final String SEQUENCE_HEADER = "Nats-Sequence";

    private final Connection connection;
    private final String requestSubject;
    private final Duration timeout;
    private final Deadlines deadlines;

    public DirectGet(Connection connection, String stream, Duration timeout) {
        this.connection = connection;
        this.requestSubject = "$JS.API.DIRECT.GET." + stream;
        this.timeout = timeout;
        this.deadlines = new Deadlines(timeout);
    }

    /** The last message on {@code subject} (wildcards allowed), or empty when there is none. */
    public Optional<Message> last(String subject) throws InterruptedException {
        return get("{\"last_by_subj\":" + quote(subject) + "}");
    }

    /** The first message on {@code subject} with a sequence of at least {@code fromSequence}. */
    public Optional<Message> next(String subject, long fromSequence) throws InterruptedException {
        return get("{\"seq\":" + fromSequence + ",\"next_by_subj\":" + quote(subject) + "}");
    }

    /**
     * Starts {@link #next}: the future completes as {@code next} returns, or exceptionally with
     * what it throws; a read that needs the message later waits for it, so that requests that do
     * not depend on each other go out together.
     */
    public CompletableFuture<Optional<Message>> nextAsync(String subject, long fromSequence) {
        return getAsync("{\"seq\":" + fromSequence + ",\"next_by_subj\":" + quote(subject) + "}");
    }

    /** Starts {@link #last}, as {@link #nextAsync} starts {@link #next}. */
    public CompletableFuture<Optional<Message>> lastAsync(String subject) {
        return getAsync("{\"last_by_subj\":" + quote(subject) + "}");
    }

    private CompletableFuture<Optional<Message>> getAsync(String body) {
        CompletableFuture<Message> request = connection.requestWithTimeout(requestSubject,
                body.getBytes(StandardCharsets.UTF_8), timeout);
        // jnats cancels a late request only at its next cleanup (every 5 s): our own deadline
        deadlines.bound(request);
        return request.handle((reply, error) -> {
            if (error != null) {
                throw switch (RequestFailure.of(request, error)) {
                    case TIMED_OUT -> noReply(error);
                    case CONNECTION_CLOSED -> new DirectGetException("no reply to " + requestSubject
                            + ": the connection closed first", error, true);
                    default -> nobodyAnswered(error);
                };
            }
            return checked(reply);
        });
    }

    /** The message a {@link #nextAsync} read gave, or what it failed with. */
    public static Optional<Message> await(CompletableFuture<Optional<Message>> read) throws InterruptedException {
        try {
            return read.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DirectGetException failure) {
                throw failure;
            }
            throw new DirectGetException("direct get failed: " + e.getCause(), e.getCause());
        }
    }

    /** The message stored at {@code sequence}, or empty when there is none. */
    public Optional<Message> at(long sequence) throws InterruptedException {
        return get("{\"seq\":" + sequence + "}");
    }

    /** The stream sequence of a message returned by this class. */
    public static long sequenceOf(Message message) {
        return Long.parseLong(message.getHeaders().getFirst(SEQUENCE_HEADER));
    }

    /**
     * The asynchronous request, awaited: jnats' synchronous request answers {@code null} both when
     * no reply came in time and when nobody listens (a server without JetStream), which must be told apart.
     */
    private Optional<Message> get(String body) throws InterruptedException {
        return await(getAsync(body));
    }

    /** The request went out and its time ran out: the server may be busy or gone. */
    private DirectGetException noReply(Throwable cause) {
        return new DirectGetException("no reply to " + requestSubject + " within " + timeout.toMillis()
                + " ms: is nats-server running with JetStream?", cause, true);
    }

    /** The server said at once that nobody listens on the subject: no such stream, or no JetStream. */
    private DirectGetException nobodyAnswered(Throwable cause) {
        return new DirectGetException("no server answered " + requestSubject
                + ": the stream does not exist, does not allow direct get, or JetStream is not enabled", cause);
    }

    private Optional<Message> checked(Message reply) {
        if (reply.isStatusMessage()) {
            int code = reply.getStatus().getCode();
            if (code == 404) {
                return Optional.empty();
            }
            if (code == 503) {
                throw nobodyAnswered(null);
            }
            throw new DirectGetException(requestSubject + " failed: " + code + " " + reply.getStatus().getMessage(), null);
        }
        return Optional.of(reply);
    }

    /** {@code subject} as a JSON string. */
    static String quote(String subject) {
        return "\"" + subject.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A direct get failed for a reason other than "no such message". */
    public static final class DirectGetException extends RuntimeException {

        private final boolean timedOut;

        /** A read refused before it was sent, e.g. of a key-value bucket known not to exist. */
        public DirectGetException(String message) {
            this(message, null, false);
        }

        DirectGetException(String message, Throwable cause) {
            this(message, cause, false);
        }

        DirectGetException(String message, Throwable cause, boolean timedOut) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /**
         * Whether no answer came in time, or before the connection closed (rather than: the server
         * answered with an error, or said nobody listens): what may pass by itself.
         */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
