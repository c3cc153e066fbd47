package io.rita.client;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.rita.client.ServiceCallException.Kind;
import io.rita.eventstore.EncodedEvent;
import io.rita.eventstore.EventEncoding;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running live stream of a service's stream route ({@link ServiceClient#stream}): an
 * aggregate's stored events, history first, then live, decoded through
 * {@link ClientOptions#types()}, in order.
 *
 * <pre>{@code
 * try (LiveStream events = shows.stream("shows.services.gala.watch", "shows.streams")) {
 *     while (events.hasNext()) {                              // blocks until the next event
 *         if (events.next().data() instanceof SeatReserved r) { ... }
 *     }
 *     // or wait with a deadline: Optional<StoredEvent> next = events.poll(Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p><b>Gaps are reported, not skipped.</b> The service sends without flow control, so a reader
 * that falls more than {@link ClientOptions#streamBuffer()} messages behind loses messages, and
 * so does a connection that is lost and restored. The stream notices (a message's consumer
 * sequence is not the next one, the subscription dropped messages, or the connection
 * reconnected), delivers what it holds up to the gap, then throws
 * {@link ServiceCallException.Kind#GAP} and closes: start a new stream and skip the events up to
 * the last {@link StoredEvent#sequence()} you have.
 *
 * <p><b>A stream whose consumer is gone says so.</b> The stream asks the service's consumer for
 * a heartbeat while no event comes ({@link ClientOptions#streamHeartbeat()}, 5 s); when it hears
 * nothing for three of them (the store was deleted, or its server lost the consumer), it throws
 * {@link ServiceCallException.Kind#GAP} and closes, instead of waiting forever.
 *
 * <p>An event the registry cannot decode throws {@link ServiceCallException.Kind#UNREADABLE}
 * from {@link #next()} (its cause names type, subject and sequence); the stream stays open, and
 * the next call goes on after it. One thread reads; {@link #close()} may come from any thread
 * and ends a waiting {@link #hasNext()} with {@code false}.
 *
 * @see ServiceCallException thrown by {@link #hasNext()}, {@link #next()} and {@link #poll} for a
 *      gap, an unreadable event, a refused subscription or a lost connection
 */
public final class LiveStream implements Iterator<StoredEvent>, AutoCloseable {

    /** How long one wait for a message lasts before the stream looks at drops, closes and the connection. */
    private static final Duration SLICE = Duration.ofMillis(100);

    private final ServiceClient client;
    private final String subject;
    private final Subscription subscription;
    private final PermissionWatch.Watch watch;
    private final EventEncoding encoding;
    private final long reconnects;
    /** Events and per-event errors, in order; only the reading thread touches it. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long consumerSequence;
    /** How long a silence means the service's consumer is gone: three heartbeats; 0 when unchecked. */
    private long silenceNanos;
    /** When the subscription last gave a message, heartbeats included. */
    private long lastHeard = System.nanoTime();

    private LiveStream(ServiceClient client, String subject, Subscription subscription, PermissionWatch.Watch watch,
                       long reconnects) {
        this.client = client;
        this.subject = subject;
        this.subscription = subscription;
        this.watch = watch;
        this.reconnects = reconnects;
        this.encoding = new EventEncoding(RitaOptions.defaults().withTypes(client.options().types()));
    }

    /** Subscribes to {@code delivery}, then asks {@code subject} to deliver there (see {@link StreamStart}). */
    static LiveStream start(ServiceClient client, String subject, String delivery) {
        return StreamStart.start(client, subject, delivery);
    }

    /** A stream on a fresh subscription to {@code delivery}, not yet asked for; {@link StreamStart} asks. */
    static LiveStream subscribed(ServiceClient client, String delivery, Subscription subscription,
                                 PermissionWatch.Watch watch, long reconnects) {
        return new LiveStream(client, delivery, subscription, watch, reconnects);
    }

    /**
     * The service started the stream: from now on a silence longer than three of the heartbeats
     * it confirmed ({@code 0}: none) means its consumer is gone.
     */
    void started(long heartbeatMillis) {
        silenceNanos = Duration.ofMillis(heartbeatMillis).multipliedBy(3).toNanos();
        lastHeard = System.nanoTime();
        client.streams().add(this);
    }

    /** The subject the events are delivered to, {@code <prefix>.<id>}. */
    public String subject() {
        return subject;
    }

    /**
     * Waits for the next event; {@code false} once the stream is closed.
     *
     * @throws ServiceCallException on a gap, a refused subscription or a lost connection (the
     *                              stream is then closed)
     */
    @Override
    public boolean hasNext() {
        return await(Long.MAX_VALUE);
    }

    /**
     * The next event, waiting for it.
     *
     * @throws NoSuchElementException when the stream is closed
     * @throws ServiceCallException   {@link Kind#UNREADABLE} for an event the registry cannot
     *                                decode (the stream goes on), or as {@link #hasNext()}
     */
    @Override
    public StoredEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the live stream on " + subject + " is closed");
        }
        return take();
    }

    /**
     * The next event, if one comes within {@code timeout}; empty when none did, or the stream is closed.
     *
     * @throws ServiceCallException as {@link #next()}
     */
    public Optional<StoredEvent> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return await(deadline) ? Optional.of(take()) : Optional.empty();
    }

    /** Whether the stream is still open. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Stops the stream: unsubscribes; the service's side goes a few seconds later. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watch.close();
            client.streams().remove(this);
            try {
                subscription.unsubscribe();
            } catch (IllegalStateException e) {
                // the connection is closed already: nothing to undo
            }
        }
    }

    /**
     * For a reader that asks for nothing now (a {@link ServiceClient#publisher} subscriber without
     * demand): whether the stream has ended with nothing left to hand out, so that the reader
     * hears of the end without asking for more.
     *
     * @throws ServiceCallException what ended the stream, as {@link #hasNext()} would throw it
     *                              once the events it holds are handed out
     */
    boolean endedWhileIdle() {
        if (!ready.isEmpty()) {
            return false;
        }
        if (closed.get()) {
            return true;
        }
        check(); // as hasNext() would before its next wait: messages received but not read do not delay it
        return false;
    }

    private StoredEvent take() {
        Object item = ready.poll();
        if (item instanceof ServiceCallException unreadable) {
            throw unreadable;
        }
        return (StoredEvent) item;
    }

    /** Waits until an event (or a per-event error) is ready, the deadline passes, or the stream ends. */
    private boolean await(long deadline) {
        while (ready.isEmpty()) {
            if (closed.get()) {
                return false;
            }
            check();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            Message message;
            try {
                message = subscription.nextMessage(Duration.ofNanos(Math.min(remaining, SLICE.toNanos())));
            } catch (IllegalStateException e) {
                if (closed.get()) {
                    return false;
                }
                throw fail(Kind.CONNECTION, "the connection to NATS closed while following " + subject, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceCallException(Kind.INTERRUPTED, subject, null, 0, null, false,
                        "interrupted while waiting for the live stream on " + subject, e);
            }
            if (message != null) {
                lastHeard = System.nanoTime();
                accept(message);
            }
        }
        return true;
    }

    /** What ends a stream without a message saying so. */
    private void check() {
        if (watch.violation().isDone()) {
            throw fail(Kind.SUBSCRIBE_DENIED, "the NATS server does not let this user subscribe to " + subject
                    + " (permissions violation), where the live stream would be delivered; connect as a user that "
                    + "may, or ask for the permission", null);
        }
        if (subscription.getPendingMessageCount() == 0 && subscription.getDroppedCount() > 0) {
            throw fail(Kind.GAP, "the live stream on " + subject + " lost " + subscription.getDroppedCount()
                    + " messages after message " + consumerSequence + ": the reader fell more than "
                    + client.options().streamBuffer() + " messages behind (ClientOptions.streamBuffer); start a new "
                    + "stream and skip the events you have", null);
        }
        Connection connection = client.connection();
        if (connection.getStatistics().getReconnects() != reconnects) {
            throw fail(Kind.GAP, "the connection to NATS was lost and restored while following " + subject
                    + ": events sent meanwhile are lost; start a new stream and skip the events you have", null);
        }
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw fail(Kind.CONNECTION, "the connection to NATS closed while following " + subject, null);
        }
        // while disconnected nothing comes, heartbeats neither: the reconnect check above tells it then
        if (silenceNanos > 0 && connection.getStatus() == Connection.Status.CONNECTED
                && subscription.getPendingMessageCount() == 0 && System.nanoTime() - lastHeard > silenceNanos) {
            throw fail(Kind.GAP, "the live stream on " + subject + " heard nothing for "
                    + Faults.seconds(Duration.ofNanos(silenceNanos)) + ", not even the heartbeat the service's consumer"
                    + " sends every " + Faults.seconds(client.options().streamHeartbeat()) + ": the consumer is gone"
                    + " (its store deleted, or its server lost it); start a new stream and skip the events you have"
                    + " (for a deleted store, the service refuses new streams until the store is back)", null);
        }
    }

    private void accept(Message message) {
        if (message.isStatusMessage()) {
            // a consumer's flow-control request must be answered or delivery stalls (a stream
            // route sets none; a consumer configured otherwise might); heartbeats need nothing
            String replyTo = message.getReplyTo();
            if (message.getStatus().isFlowControl() && replyTo != null && !replyTo.isEmpty()) {
                client.connection().publish(replyTo, null);
            }
            return;
        }
        if (!message.isJetStream()) {
            ready.add(new ServiceCallException(Kind.UNREADABLE, subject, null, 0, null, false, "a message on "
                    + subject + " did not come from JetStream (someone else publishes there?); skipped", null));
            return;
        }
        NatsJetStreamMetaData meta = message.metaData();
        if (meta.consumerSequence() != consumerSequence + 1) {
            throw fail(Kind.GAP, "the live stream on " + subject + " skipped from message " + consumerSequence
                    + " to " + meta.consumerSequence() + " (stream sequence " + meta.streamSequence() + "): events in"
                    + " between are lost; start a new stream and skip the events you have", null);
        }
        consumerSequence = meta.consumerSequence();
        List<EncodedEvent> events;
        try {
            events = EventEncoding.unpack(Replies.headers(message), message.getData() == null ? new byte[0] : message.getData());
        } catch (IllegalArgumentException e) {
            ready.add(new ServiceCallException(Kind.UNREADABLE, subject, null, 0, null, false, "the message at stream "
                    + "sequence " + meta.streamSequence() + " of " + message.getSubject() + " is not a Rita event: "
                    + e.getMessage(), e));
            return;
        }
        for (EncodedEvent event : events) {
            try {
                ready.add(encoding.decode(event, message.getSubject(), meta.streamSequence()));
            } catch (EventStoreException e) {
                ready.add(new ServiceCallException(Kind.UNREADABLE, subject, null, 0, null, false, e.getMessage()
                        + "; register its type in ClientOptions.types, or skip it: the stream goes on", e));
            }
        }
    }

    private ServiceCallException fail(Kind kind, String message, Throwable cause) {
        close();
        return new ServiceCallException(kind, subject, null, 0, null, false, message, cause);
    }
}
