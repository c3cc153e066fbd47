package io.rita.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.NUID;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.rita.aggregate.CommandOptions;
import io.rita.aggregate.Folded;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.Subjects;
import io.rita.service.ServiceHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Calls Rita services from Java: commands with a typed result, queries decoded into records, and
 * live streams of decoded events. Speaks the headers of {@link ServiceHeaders} so the caller
 * does not.
 *
 * <pre>{@code
 * try (ServiceClient shows = ServiceClient.connect(new Options.Builder().server(url), ClientOptions.defaults())) {
 *     switch (shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "ann"))) {
 *         case CommandResult.Accepted ok -> System.out.println("stored at " + ok.sequence());
 *         case CommandResult.Rejected no -> System.out.println(no.message());
 *         default -> ...
 *     }
 *     Folded<FreeSeats> free = shows.query("shows.services.gala.free-seats", FreeSeats.class);
 *     try (LiveStream events = shows.stream("shows.services.gala.watch", "shows.streams")) {
 *         events.forEachRemaining(event -> System.out.println(event.data()));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Commands</b> get a fresh command id per call (or the caller's, through
 * {@link CommandOptions#withCommandId}). A command that gets no answer in time is sent again with
 * the same id ({@link ClientOptions#resends()}), which a Rita service stores once; if that too
 * goes unanswered, the call fails with {@link ServiceCallException.Kind#TIMEOUT}, whose
 * {@link ServiceCallException#commandId()} the caller may send again later, safely.
 *
 * <p><b>Refusals by the NATS server</b> (a user without the permission to publish a subject, or
 * to receive replies) fail at once, not after the timeout, when the connection's error listener
 * comes from {@link #errorListener} (as in a connection {@link #connect} makes); otherwise they
 * show as timeouts. "No responders" fails at once either way.
 *
 * <p>Thread-safe: one client serves any number of threads.
 *
 * @see ServiceCallException thrown by every call for what is not a result: no answer, nobody
 *      serving, a refusal by the NATS server, a failure of the service
 * @see IllegalArgumentException thrown for a subject that is not concrete, or options the
 *      service cannot take
 */
public final class ServiceClient implements AutoCloseable {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Connection connection;
    private final ClientOptions options;
    private final boolean owned;
    /** Set by {@link #close()}: a call it cuts short says so, rather than that the connection failed. */
    private volatile boolean closed;
    private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();

    private ServiceClient(Connection connection, ClientOptions options, boolean owned) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = Objects.requireNonNull(options, "options");
        this.owned = owned;
    }

    /**
     * Connects to NATS for this client, with {@link #errorListener} wrapped around the listener the
     * builder has; {@link #close()} closes the connection.
     *
     * @throws ServiceCallException {@link ServiceCallException.Kind#CONNECTION} when no server can
     *                              be reached, or it refuses the connection
     */
    public static ServiceClient connect(Options.Builder nats, ClientOptions options) {
        Options built = nats.build();
        Options watched = new Options.Builder(built).errorListener(errorListener(built.getErrorListener())).build();
        try {
            return new ServiceClient(Nats.connect(watched), options, true);
        } catch (IOException e) {
            throw Faults.connection("cannot connect to NATS at " + String.join(", ",
                    built.getUnprocessedServers()) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Faults.connection("interrupted while connecting to NATS", e);
        }
    }

    /**
     * A client on a connection made elsewhere; {@link #close()} leaves the connection open.
     * Install {@link #errorListener} on that connection for refusals by the NATS server to fail
     * at once.
     */
    public static ServiceClient of(Connection connection, ClientOptions options) {
        return new ServiceClient(connection, options, false);
    }

    /**
     * A connection error listener that lets clients on the connection learn at once that the
     * server refused a publish or subscription, and passes every callback on to {@code next}.
     *
     * <pre>{@code
     * Options nats = new Options.Builder().server(url).errorListener(ServiceClient.errorListener(mine)).build();
     * }</pre>
     */
    public static ErrorListener errorListener(ErrorListener next) {
        return new PermissionWatch(next == null ? new ErrorListener() { } : next);
    }

    /** Sends a command with a fresh command id and no expectation. */
    public CommandResult send(String subject, Object command) {
        return send(subject, command, CommandOptions.defaults());
    }

    /**
     * Sends a command: its body is {@code command} as JSON ({@code byte[]} as is), its headers
     * the options' command id (a fresh one when absent), correlation id, expected sequence and
     * {@code traceparent} metadata ({@code origin} is the engine's and not sent).
     *
     * @throws ServiceCallException     when there is no result: see {@link ServiceCallException#mayBeStored()}
     * @throws IllegalArgumentException when the subject is not concrete, the command cannot be
     *                                  written as JSON or is larger than the server takes, or the
     *                                  options carry metadata other than {@code traceparent} (a
     *                                  service stores no other from a request); nothing was sent
     */
    public CommandResult send(String subject, Object command, CommandOptions commandOptions) {
        Subjects.requireConcrete("a request", subject);
        String commandId = commandOptions.commandId() != null ? commandOptions.commandId() : NUID.nextGlobal();
        byte[] body = encode(Objects.requireNonNull(command, "command (an empty byte[] for no body)"));
        Map<String, String> headers = CommandHeaders.of(commandId, commandOptions);
        requireFits(subject, "command id " + commandId, CommandHeaders.wire(headers), body);
        boolean unanswered = false;
        for (int send = 1; ; send++) {
            Exchange.Attempt attempt = Exchange.send(connection, subject, CommandHeaders.wire(headers), body, options.timeout(),
                    null);
            if (attempt instanceof Exchange.Answered answered) {
                return Replies.command(subject, commandId, answered.reply(), unanswered);
            }
            if (attempt instanceof Exchange.TimedOut && send <= options.resends()) {
                unanswered = true;
                continue; // same id: a service that got the first send answers as it did then
            }
            throw closed && attempt instanceof Exchange.Lost lost
                    ? Faults.closedClient(lost, subject, commandId, unanswered)
                    : Faults.of(attempt, subject, commandId, unanswered, send, options.timeout());
        }
    }

    /** Asks a query without a body; the reply decoded into {@code type}, with the sequence it reflects. */
    public <T> Folded<T> query(String subject, Class<T> type) {
        return query(subject, null, type);
    }

    /**
     * Asks a query: {@code request} as the body ({@code null} for none), the reply decoded into
     * {@code type} ({@code byte[]} and {@code String} take it as is) with the client's mapper,
     * and the aggregate sequence the answer reflects ({@code Rita-Sequence}, or
     * {@link CommandResult#UNKNOWN_SEQUENCE}): the expectation for a command decided on it. A
     * query that gets no answer in time is not sent again.
     *
     * @throws ServiceCallException the service's refusal ({@code REJECTED}, {@code BAD_REQUEST},
     *                              {@code NOT_FOUND}, ...), a reply that is not a {@code type}
     *                              ({@code UNREADABLE}), or no answer
     */
    public <T> Folded<T> query(String subject, Object request, Class<T> type) {
        return query(subject, request, type, 0);
    }

    /**
     * As {@link #query(String, Object, Class)}, but never answered from a state before
     * {@code minSequence} (read-your-writes): pass the sequence of this client's last accepted
     * command on the aggregate ({@link CommandResult.Accepted#sequence()}), sent as
     * {@value ServiceHeaders#MIN_SEQUENCE}. A service whose copy of the store is behind (a replica,
     * a new stream leader) waits briefly for it and otherwise answers 503, a
     * {@code ServiceCallException} of kind {@code UNAVAILABLE}: ask again. {@code 0} asks for nothing.
     *
     * @throws IllegalArgumentException when {@code minSequence} is negative
     */
    public <T> Folded<T> query(String subject, Object request, Class<T> type, long minSequence) {
        Subjects.requireConcrete("a request", subject);
        Objects.requireNonNull(type, "type");
        if (minSequence < 0) {
            throw new IllegalArgumentException("minSequence must be >= 0 (0: no minimum), was " + minSequence);
        }
        byte[] body = request == null ? new byte[0] : encode(request);
        Headers headers = minSequence == 0 ? null
                : new Headers().put(ServiceHeaders.MIN_SEQUENCE, Long.toString(minSequence));
        requireFits(subject, "query", headers, body);
        Exchange.Attempt attempt = Exchange.send(connection, subject, headers, body, options.timeout(), null);
        if (!(attempt instanceof Exchange.Answered answered)) {
            throw closed && attempt instanceof Exchange.Lost lost ? Faults.closedClient(lost, subject, null, false)
                    : Faults.of(attempt, subject, null, false, 1, options.timeout());
        }
        byte[] reply = Replies.success(subject, answered.reply());
        return new Folded<>(decode(subject, reply, type), Replies.sequence(answered.reply()));
    }

    /**
     * Starts a live stream of a stream route: subscribes to {@code <deliverPrefix>.<fresh id>},
     * then asks {@code subject} for the aggregate's events, history first, then live.
     *
     * @param subject       the stream route's request subject, e.g. {@code shows.services.gala.watch}
     * @param deliverPrefix the route's delivery prefix, e.g. {@code shows.streams}
     * @return the running stream; close it to stop
     * @throws ServiceCallException the service's refusal ({@code UNAVAILABLE} at its limit, ...),
     *                              a refused subscription ({@code SUBSCRIBE_DENIED}), or no answer
     */
    public LiveStream stream(String subject, String deliverPrefix) {
        Subjects.requireConcrete("a request", subject);
        Subjects.requireConcrete("a stream's delivery prefix", deliverPrefix);
        return LiveStream.start(this, subject, deliverPrefix + "." + NUID.nextGlobal());
    }

    /**
     * A live stream as a {@link Flow.Publisher}: each subscriber gets a stream of its own, started
     * on subscription, delivered on a thread of its own as it requests; cancelling stops it. Its
     * {@code onError} gets the {@link ServiceCallException} that ended it (a gap, an unreadable
     * event, a lost connection).
     */
    public Flow.Publisher<StoredEvent> publisher(String subject, String deliverPrefix) {
        Subjects.requireConcrete("a request", subject);
        Subjects.requireConcrete("a stream's delivery prefix", deliverPrefix);
        return new StreamPublisher(() -> stream(subject, deliverPrefix));
    }

    /**
     * Decodes a reply body (such as {@link CommandResult.Accepted#body()}) with the client's mapper.
     *
     * @throws ServiceCallException {@link ServiceCallException.Kind#UNREADABLE} when it is not a {@code type}
     */
    public <T> T decode(byte[] body, Class<T> type) {
        return decode(null, body, type);
    }

    /** The connection. */
    public Connection connection() {
        return connection;
    }

    /** The options. */
    public ClientOptions options() {
        return options;
    }

    /** Stops the open live streams, and closes the connection if {@link #connect} made it. */
    @Override
    public void close() {
        closed = true;
        streams.forEach(LiveStream::close);
        if (owned) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Set<LiveStream> streams() {
        return streams;
    }

    static ObjectMapper plain() {
        return PLAIN;
    }

    private <T> T decode(String subject, byte[] body, Class<T> type) {
        if (type == byte[].class) {
            return type.cast(body.clone());
        }
        if (type == String.class) {
            return type.cast(new String(body, StandardCharsets.UTF_8));
        }
        try {
            return options.json().readValue(body, type);
        } catch (IOException e) {
            throw new ServiceCallException(ServiceCallException.Kind.UNREADABLE, subject, null, 0, null, false,
                    "the reply" + (subject == null ? "" : " from " + subject) + " is not a " + type.getSimpleName()
                            + ": " + (e instanceof JsonProcessingException json ? json.getOriginalMessage()
                            : e.getMessage()) + "; the client's record and the service's reply disagree", e);
        }
    }

    /**
     * Refuses a request larger than the server takes (its {@code max_payload}, headers included),
     * before anything is sent: jnats would throw its own words, without the subject or the id.
     */
    private void requireFits(String subject, String what, Headers headers, byte[] body) {
        long max = connection.getMaxPayload();
        long size = body.length + (headers == null ? 0 : headers.serializedLength());
        if (max > 0 && size > max) {
            throw new IllegalArgumentException("the request to " + subject + " (" + what + ") is " + size
                    + " bytes with its headers, over the " + max + " bytes the NATS server takes (max_payload);"
                    + " nothing was sent: make it smaller");
        }
    }

    private byte[] encode(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return options.json().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
