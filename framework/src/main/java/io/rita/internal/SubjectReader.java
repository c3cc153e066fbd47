package io.rita.internal;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the messages of a subject between two known sequences. Not API.
 *
 * <p>The end is known before reading starts (the subject's last sequence, from a direct get),
 * so reading stops at that message and never waits on a timeout to learn that nothing more
 * is coming. A few messages are read with direct gets, which cost one round trip each and
 * create nothing on the server; a longer history goes through an ordered push consumer, which
 * streams it with flow control.
 *
 * <p>A direct get may be answered by a follower of a replicated stream that has not applied the
 * latest writes yet: when it finds nothing before the end, the leader is asked whether the rest
 * was really deleted, so that a lagging copy never cuts a load short. Likewise a consumer may be
 * served by a replica that is behind (one that has just restarted and is catching up) and stall
 * before the end: after a while without a message the rest is read from the leader, one
 * message get at a time, instead of failing the load.
 */
public final class SubjectReader {

    /** How many messages are fetched by direct get before switching to a consumer. */
    private static final int DIRECT_READS = 2;

    private final JetStream jetStream;
    private final DirectGet directGet;
    private final LeaderReads leader;
    private final String stream;
    private final Duration stall;

    /**
     * @param stall how long a consumer may deliver nothing before the rest is read from the leader
     */
    public SubjectReader(JetStream jetStream, DirectGet directGet, LeaderReads leader, String stream, Duration stall) {
        this.jetStream = jetStream;
        this.directGet = directGet;
        this.leader = leader;
        this.stream = stream;
        this.stall = stall;
    }

    /**
     * Hands every message of {@code subject} with a sequence in {@code (after, last]} to
     * {@code sink}, in order; {@code last} must be the sequence of a message on the subject.
     */
    public void read(String subject, long after, long last, Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        long position = after;
        for (int i = 0; i < DIRECT_READS && position < last; i++) {
            Optional<StoredMessage> next = directGet.next(subject, position + 1).map(StoredMessage::fromDirectGet);
            if (next.isEmpty()) {
                next = leader.next(subject, position + 1); // a follower's copy may lag behind the cut-off
                if (next.isEmpty()) {
                    return; // the rest was deleted (purged) while loading
                }
            }
            StoredMessage message = next.get();
            if (message.sequence() > last) {
                return; // the cut-off message was deleted while loading: what is left ends before it
            }
            position = message.sequence();
            sink.accept(message);
        }
        if (position < last) {
            position = readWithConsumer(subject, after == 0, position, last, sink);
        }
        if (position < last) {
            readFromLeader(subject, position, last, sink);
        }
    }

    /** Reads the messages after {@code position} up to {@code last} with the leader's message gets. */
    private void readFromLeader(String subject, long position, long last, Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        long at = position;
        while (at < last) {
            Optional<StoredMessage> next = leader.next(subject, at + 1);
            if (next.isEmpty() || next.get().sequence() > last) {
                return; // the rest was deleted while loading
            }
            at = next.get().sequence();
            sink.accept(next.get());
        }
    }

    /**
     * Streams the rest with an ordered consumer. A whole-subject load starts the consumer at the
     * subject's beginning and skips what the direct gets already read: on nats-server 2.9 a
     * filtered consumer with a start sequence costs the server about twenty times more per
     * message than one that delivers all (measured in {@code docs/benchmarks.md}).
     *
     * @return the sequence of the last message handed on: {@code last}, or less when the consumer stalled
     */
    private long readWithConsumer(String subject, boolean fromStart, long after, long last,
                                  Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder()
                .filterSubject(subject)
                .ackPolicy(AckPolicy.None);
        if (fromStart) {
            builder.deliverPolicy(DeliverPolicy.All);
        } else {
            builder.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1);
        }
        ConsumerConfiguration config = builder.build();
        PushSubscribeOptions options = PushSubscribeOptions.builder()
                .stream(stream)
                .ordered(true)
                .configuration(config)
                .build();
        JetStreamSubscription subscription = jetStream.subscribe(subject, options);
        try {
            long position = after;
            while (position < last) {
                Message message = subscription.nextMessage(stall);
                if (message == null) {
                    return position; // served by a replica that is behind: the leader has the rest
                }
                StoredMessage stored = StoredMessage.fromConsumer(message);
                if (stored.sequence() <= after) {
                    continue; // read already by direct get
                }
                if (stored.sequence() > last) {
                    return last; // the cut-off message was deleted while loading
                }
                position = stored.sequence();
                sink.accept(stored);
            }
            return position;
        } finally {
            subscription.unsubscribe();
        }
    }
}
