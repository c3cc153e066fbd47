package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;

import io.rita.internal.ApiErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable pull consumer that feeds one projection version, as the lease holder reads it.
 *
 * <p>Per-key order is what makes the per-key sequence check exact, so the holder must see every
 * event of the filter in stream order from its start. {@link #open} makes sure of it: it
 * creates the consumer (from the start of the stream) when it is missing or fed another
 * incarnation of the bucket (one that was removed and created again); it re-creates it from
 * just after its acknowledged floor when a previous holder left messages delivered but not
 * acknowledged, or pull requests waiting (a dead process's would take the next messages); and
 * it watches the consumer sequence of every delivery, which JetStream counts up by one per
 * delivery, so that a gap (someone else pulled from the consumer) is noticed before anything
 * out of order is applied.
 */
final class Feed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Feed.class.getName());
    /** While catching up, how long a round waits for each next event to fill up, and at most in all. */
    private static final Duration FILL_WAIT = Duration.ofMillis(5);
    private static final Duration FILL_LIMIT = Duration.ofMillis(50);
    /**
     * How long the consumer's info and creation may take. nats-server 2.9 counts a filtered
     * consumer's pending events for each of them by walking every message block after the
     * consumer's position and every subject in it: on a store of 10,000,000 events over 1,000,000
     * subjects, 30-40 s for a consumer at the start of the stream (docs/benchmarks.md, "Scale").
     * With jnats' default of 5 s such a projection never started: every attempt timed out.
     */
    static final Duration MANAGEMENT_TIMEOUT = Duration.ofMinutes(3);

    private final IterableConsumer messages;
    private final long pendingAtStart;
    private long expectedDelivery;
    private boolean gap;

    private Feed(IterableConsumer messages, long expectedDelivery, long pendingAtStart) {
        this.messages = messages;
        this.expectedDelivery = expectedDelivery;
        this.pendingAtStart = pendingAtStart;
    }

    /**
     * Prepares the consumer for a new lease holder and starts pulling.
     *
     * @param incarnation names the bucket's incarnation (its creation time); stored as the consumer's description
     * @throws ProjectionException when the consumer exists with another filter: a changed filter needs a new version
     */
    static Feed open(Connection connection, String stream, Projection<?, ?> projection, String incarnation,
                     ProjectorOptions options) throws IOException, JetStreamApiException {
        JetStreamOptions slow = JetStreamOptions.builder().requestTimeout(MANAGEMENT_TIMEOUT).build();
        JetStreamManagement management = connection.jetStreamManagement(slow);
        String durable = projection.consumer();
        ConsumerInfo info = info(management, stream, durable);
        if (info != null && !projection.filter().equals(info.getConsumerConfiguration().getFilterSubject())) {
            throw new ProjectionException(projection.name(), projection.version(), "the consumer " + durable
                    + " of store '" + stream + "' feeds '" + info.getConsumerConfiguration().getFilterSubject()
                    + "', not '" + projection.filter() + "': a changed filter is a new version of projection "
                    + projection.name() + "; raise its version (or remove version " + projection.version()
                    + " with Projector.remove)", null);
        }
        long floor = info == null ? 0 : info.getAckFloor().getStreamSequence();
        if (info == null || !incarnation.equals(info.getConsumerConfiguration().getDescription())) {
            if (info != null) {
                LOG.log(System.Logger.Level.WARNING, "projection {0}: bucket {1} is not the one consumer {2} fed "
                        + "(it was removed and created again): applying the stream from its start",
                        projection.describe(), projection.bucket(), durable);
                management.deleteConsumer(stream, durable);
            }
            info = create(management, stream, projection, incarnation, 0, options);
        } else if (info.getNumAckPending() > 0 || info.getNumWaiting() > 0) {
            // a previous holder's deliveries or pull requests: start again right after what is acknowledged
            management.deleteConsumer(stream, durable);
            info = create(management, stream, projection, incarnation, floor, options);
        }
        long pending = info.getNumPending();
        // jnats asks for more once a quarter of a pull is used; a pull of fewer than 4 would wait for its expiry
        IterableConsumer messages = connection.getStreamContext(stream, slow).getConsumerContext(durable)
                .iterate(ConsumeOptions.builder().batchSize(Math.max(4, options.batchSize())).expiresIn(5_000).build());
        return new Feed(messages, info.getDelivered().getConsumerSequence() + 1, pending);
    }

    private static ConsumerInfo create(JetStreamManagement management, String stream, Projection<?, ?> projection,
                                       String incarnation, long after, ProjectorOptions options)
            throws IOException, JetStreamApiException {
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder()
                .durable(projection.consumer())
                .description(incarnation)
                .filterSubject(projection.filter())
                // one holder applies in stream order, so an acknowledgement means "everything up to here"
                .ackPolicy(AckPolicy.All)
                .ackWait(options.ackWait())
                // never dropped by the server: a projection that cannot apply an event stops on it instead
                .maxDeliver(-1)
                .maxAckPending(Math.max(1_000, options.batchSize() * 4));
        if (after > 0) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1);
        } else {
            config.deliverPolicy(DeliverPolicy.All);
        }
        return management.addOrUpdateConsumer(stream, config.build());
    }

    /** The consumer's state, or {@code null} when it does not exist. */
    static ConsumerInfo info(JetStreamManagement management, String stream, String durable)
            throws IOException, JetStreamApiException {
        try {
            return management.getConsumerInfo(stream, durable);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.CONSUMER_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** How many events were waiting when the feed opened. */
    long pendingAtStart() {
        return pendingAtStart;
    }

    /**
     * Up to {@code max} messages: waits up to {@code wait} for the first, then takes what has
     * arrived; while the stream has more for the consumer (catching up), waits a little for it
     * too, so that a round fills up. Empty when nothing came, or when a gap in the deliveries
     * was seen. In steady state (nothing pending) a round is what has arrived, at once.
     */
    List<Message> next(Duration wait, int max) throws Exception {
        Message first = messages.nextMessage(wait);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(Math.min(max, 64));
        long fillDeadline = System.nanoTime() + FILL_LIMIT.toNanos();
        Message message = first;
        while (message != null) {
            long delivery = message.metaData().consumerSequence();
            if (delivery != expectedDelivery) {
                LOG.log(System.Logger.Level.WARNING, "consumer {0}: delivery {1} came after {2}: another process pulled "
                        + "from it; starting again after the last acknowledged event", message.metaData().getConsumer(),
                        delivery, expectedDelivery - 1);
                gap = true;
                return List.of();
            }
            expectedDelivery++;
            batch.add(message);
            if (batch.size() >= max) {
                break;
            }
            message = messages.nextMessage((Duration) null);
            if (message == null && batch.getLast().metaData().pendingCount() > 0 && System.nanoTime() < fillDeadline) {
                // catching up: more is on its way; a fuller round writes each view fewer times
                message = messages.nextMessage(FILL_WAIT);
            }
        }
        return batch;
    }

    /** Whether deliveries skipped a consumer sequence: another process pulled; the feed must be opened again. */
    boolean broken() {
        return gap;
    }

    @Override
    public void close() {
        try {
            messages.stop();
            messages.close();
        } catch (Exception e) {
            // the connection may be gone; the server forgets the pull requests when they expire
        }
    }
}
