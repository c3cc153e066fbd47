package io.rita.kmm.service.web;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.MessageHandler;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamInfoOptions;
import io.rita.eventstore.EventStoreException;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows subjects of the store for the page's live parts: one JetStream ordered consumer per
 * open event stream, on the service's own connection, delivered by one NATS dispatcher thread.
 *
 * <p>An ordered consumer is jnats' flow-controlled, heartbeat-checked push consumer that starts
 * again after the last sequence it delivered when it notices a gap, so a live view neither
 * misses nor repeats an event; the server removes it when the page goes. Each costs the server a
 * consumer, so at most {@code maxFeeds} are open at once; more are refused with 503.
 */
final class LiveFeeds implements AutoCloseable {

    private final Connection connection;
    private final String stream;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final Dispatcher dispatcher;
    private final Semaphore slots;
    private final int maxFeeds;

    LiveFeeds(Connection connection, String stream, int maxFeeds) {
        this.connection = connection;
        this.stream = stream;
        this.maxFeeds = maxFeeds;
        this.slots = new Semaphore(maxFeeds);
        try {
            this.jetStream = connection.jetStream();
            this.management = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new EventStoreException(stream, "cannot use JetStream for the web page: " + e.getMessage(), e);
        }
        this.dispatcher = connection.createDispatcher();
    }

    /** A running feed; closing it stops delivery and frees its slot. */
    interface Feed extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Delivers the messages of {@code filter} from {@code policy} on to {@code handler}, in order.
     *
     * @throws HttpError            503 when {@code maxFeeds} feeds are open
     * @throws EventStoreException  when JetStream refuses the consumer
     */
    Feed follow(String filter, DeliverPolicy policy, MessageHandler handler) {
        if (!slots.tryAcquire()) {
            throw new HttpError(503, "the page follows the store for " + maxFeeds / 2 + " or more tabs already, "
                    + "its limit; close some of its tabs or windows");
        }
        JetStreamSubscription subscription;
        try {
            PushSubscribeOptions options = PushSubscribeOptions.builder().stream(stream).ordered(true)
                    .configuration(ConsumerConfiguration.builder().deliverPolicy(policy).build())
                    .build();
            subscription = jetStream.subscribe(filter, dispatcher, handler, false, options);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            slots.release();
            throw new EventStoreException(filter, "cannot follow " + filter + " in " + stream + ": " + e.getMessage(),
                    e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    if (dispatcher.isActive() && subscription.isActive()) {
                        dispatcher.unsubscribe(subscription);
                    }
                } catch (IllegalStateException connectionClosed) {
                    // the service is stopping; the server drops the consumer with the connection
                } finally {
                    slots.release();
                }
            }
        };
    }

    /** How many messages the store holds on {@code subject} now. */
    long count(String subject) {
        try {
            Long count = management.getStreamInfo(stream, StreamInfoOptions.filterSubjects(subject))
                    .getStreamState().getSubjectMap().get(subject);
            return count == null ? 0 : count;
        } catch (IOException | JetStreamApiException e) {
            throw new EventStoreException(subject, "cannot count the events of " + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (dispatcher.isActive()) {
                connection.closeDispatcher(dispatcher);
            }
        } catch (IllegalStateException connectionClosed) {
            // nothing left to close
        }
    }
}
