package io.rita.internal;

import io.nats.client.Connection;
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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads the messages of a subject between two known sequences. Not API.
 *
 * <p>The end is known before reading starts (the subject's last sequence, from a direct get),
 * so reading stops at that message and never waits on a timeout to learn that nothing more
 * is coming. How the rest is read was chosen by measurement on nats-server 2.9.10
 * ({@code io.rita.bench.TailReads}, {@code docs/benchmarks.md}, "Reading tails"):
 * <ul>
 *   <li>Requests that do not depend on each other go out together: the store sends the first
 *       direct get with its request for the cut-off, and where the subject starts (for the
 *       rule below) is asked alongside the direct gets. A caller that expects the message right
 *       after {@code after} to be the subject's (a snapshot's covered event) also sends the read
 *       of the one after it ({@link Started}).</li>
 *   <li>The cut-off message itself, when it is the only one the range can hold, is not read
 *       again: a read after a snapshot or a cached entry one event behind costs no request.</li>
 *   <li>Up to two messages by direct get: one round trip each, nothing created on the server.
 *       Direct gets are not pipelined further: on 2.9 each {@code next_by_subj} costs the server
 *       75-100 us of CPU, twenty times a consumer's delivery, so reading 100 messages with 8 or
 *       32 in flight took 5-20 ms against about 1 ms for a consumer.</li>
 *   <li>The rest through one push consumer kept in the server's memory ({@code mem_storage}),
 *       with flow control: in most runs it cost half the ordered consumer's time, whose state
 *       is written to disk (whole histories of 3 to 100 messages: mostly 0.4-0.9 ms against
 *       0.9-1.6 ms).
 *       It is deleted as soon as the read is done, without waiting for the answer.</li>
 *   <li>A consumer that starts early in a subject (in its first half, by stream sequence)
 *       delivers the whole subject and the reader skips what it does not need: on 2.9 a
 *       filtered consumer that starts there costs the server about 65 us per message instead
 *       of 3-5 us, while reading at most twice the messages costs no more than 10 us each.</li>
 * </ul>
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
    /** How long the server keeps a consumer of a reader that died before deleting it. */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(30);

    private final Connection connection;
    private final JetStream jetStream;
    private final DirectGet directGet;
    private final LeaderReads leader;
    private final String stream;
    private final Duration stall;

    /**
     * @param stall how long a consumer may deliver nothing before the rest is read from the leader
     */
    public SubjectReader(Connection connection, JetStream jetStream, DirectGet directGet, LeaderReads leader,
                         String stream, Duration stall) {
        this.connection = connection;
        this.jetStream = jetStream;
        this.directGet = directGet;
        this.leader = leader;
        this.stream = stream;
        this.stall = stall;
    }

    /**
     * Hands every message of {@code subject} with a sequence in {@code (after, last]} to
     * {@code sink}, in order; {@code last} is the subject's last message, read just before.
     */
    public void read(String subject, long after, StoredMessage last, Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        read(subject, after, last, new Started(null, null, null), sink);
    }

    /**
     * Direct gets a caller sent before the read started, each {@code null} when not sent: the next
     * message from {@code after + 1}, the next from {@code after + 2} (which is the second message
     * of the range when the first is at {@code after + 1}, and is not used otherwise), and the
     * next from 1 (where the subject starts).
     */
    public record Started(CompletableFuture<Optional<Message>> first, CompletableFuture<Optional<Message>> second,
                          CompletableFuture<Optional<Message>> head) {
    }

    /** As {@link #read(String, long, StoredMessage, Consumer)}, with the direct gets that a caller already sent. */
    public void read(String subject, long after, StoredMessage last, Started started, Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        if (last.sequence() == after + 1) {
            sink.accept(last); // the range holds this message and nothing else
            return;
        }
        long position = after;
        long first = after == 0 ? -1 : 0; // the subject's first sequence, once known (-1: at the first read)
        // where the subject starts decides how a consumer would start: asked at once, alongside the
        // direct gets, so that a tail long enough for a consumer does not wait one more round trip
        CompletableFuture<Optional<Message>> head = after > 0 && last.sequence() - after > DIRECT_READS
                ? (started.head() != null ? started.head() : directGet.nextAsync(subject, 1)) : null;
        for (int i = 0; i < DIRECT_READS && position < last.sequence(); i++) {
            CompletableFuture<Optional<Message>> early = i == 0 ? started.first()
                    : position == after + 1 ? started.second() : null;
            Optional<Message> read = early != null ? DirectGet.await(early) : directGet.next(subject, position + 1);
            if (read.isEmpty() && early != null) {
                // an early read may have gone out before the cut-off and come before the message was
                // stored: only a read after the cut-off can say that the rest was deleted
                read = directGet.next(subject, position + 1);
            }
            Optional<StoredMessage> next = read.map(StoredMessage::fromDirectGet);
            if (next.isEmpty()) {
                next = leader.next(subject, position + 1); // a follower's copy may lag behind the cut-off
                if (next.isEmpty()) {
                    return; // the rest was deleted (purged) while loading
                }
            }
            StoredMessage message = next.get();
            if (message.sequence() > last.sequence()) {
                return; // the cut-off message was deleted while loading: what is left ends before it
            }
            if (first < 0) {
                first = message.sequence();
            }
            position = message.sequence();
            sink.accept(message);
        }
        if (position < last.sequence()) {
            readRest(subject, startsEarly(subject, first, head, position, last.sequence()), position,
                    last.sequence(), sink);
        }
    }

    /**
     * As {@link #read(String, long, StoredMessage, Consumer)}, for a caller that expects the message
     * right after {@code after} to be the subject's (a snapshot's covered event, which the caller
     * checks): a range that can hold no more than it and two others is read by direct gets sent
     * together (that one and the next); a longer one is streamed at once by one consumer, which
     * delivers that message first. A tail after a snapshot is mostly longer than two (up to the
     * snapshot interval): direct gets first would cost a round trip before the consumer.
     *
     * @param head the subject's first message ({@link DirectGet#nextAsync} from 1), asked for already
     */
    public void readAfter(String subject, long after, StoredMessage last, CompletableFuture<Optional<Message>> head,
                          Consumer<StoredMessage> sink) throws IOException, JetStreamApiException, InterruptedException {
        if (last.sequence() == after + 1) {
            sink.accept(last); // the snapshot covers the last event: nothing to ask for
            return;
        }
        if (last.sequence() - after <= DIRECT_READS + 1) {
            read(subject, after, last, new Started(directGet.nextAsync(subject, after + 1),
                    directGet.nextAsync(subject, after + 2), head), sink);
            return;
        }
        readRest(subject, startsEarly(subject, 0, head, after, last.sequence()), after, last.sequence(), sink);
    }

    /**
     * Reads {@code (position, last]} with one consumer, and from the leader what it did not deliver
     * (a consumer served by a replica that is behind stalls before the end).
     */
    private void readRest(String subject, boolean fromStart, long position, long last, Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        long delivered = readWithConsumer(subject, fromStart, position, last, sink);
        if (delivered < last) {
            readFromLeader(subject, delivered, last, sink);
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
     * Whether {@code position} lies in the first half of the subject's span of stream sequences,
     * where a filtered consumer starting after it would take the server's slow path.
     *
     * @param first the subject's first sequence, or 0 when not known from the reads (then {@code head} says)
     * @param head  the subject's first message, asked for when the read started after a sequence
     */
    private boolean startsEarly(String subject, long first, CompletableFuture<Optional<Message>> head, long position,
                                long last) throws InterruptedException {
        long from = first;
        if (from == 0) {
            Optional<Message> message;
            try {
                message = head != null ? DirectGet.await(head) : directGet.next(subject, 1);
            } catch (DirectGet.DirectGetException e) {
                message = Optional.empty(); // only a hint: start where the read is
            }
            if (message.isEmpty()) {
                return false;
            }
            from = DirectGet.sequenceOf(message.get());
        }
        return position - from < last - position;
    }

    /**
     * Streams {@code (after, last]} with one consumer, from the subject's start when {@code fromStart}.
     *
     * @return the sequence of the last message handed on: {@code last}, or less when the consumer
     * stalled (served by a replica that is behind: the leader has the rest)
     */
    private long readWithConsumer(String subject, boolean fromStart, long after, long last,
                                  Consumer<StoredMessage> sink)
            throws IOException, JetStreamApiException, InterruptedException {
        ConsumerConfiguration.Builder builder = ConsumerConfiguration.builder()
                .filterSubject(subject)
                .ackPolicy(AckPolicy.None)
                .memStorage(true)
                .numReplicas(1)
                .flowControl(stall)
                .inactiveThreshold(ABANDONED_AFTER)
                .deliverSubject(connection.createInbox());
        if (fromStart) {
            builder.deliverPolicy(DeliverPolicy.All);
        } else {
            builder.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(after + 1);
        }
        PushSubscribeOptions options = PushSubscribeOptions.builder().stream(stream).configuration(builder.build())
                .build();
        JetStreamSubscription subscription = jetStream.subscribe(subject, options);
        try {
            long position = after;
            long delivered = 0;
            while (position < last) {
                Message message = subscription.nextMessage(stall);
                if (message == null) {
                    return position; // served by a replica that is behind: the leader has the rest
                }
                // a plain push consumer does not redeliver what the client dropped: a gap must fail the read
                long count = message.metaData().consumerSequence();
                if (count != delivered + 1) {
                    throw new IOException("messages of " + subject + " were lost in delivery (consumer sequence "
                            + count + " after " + delivered + "); the client is too slow for its pending limits");
                }
                delivered = count;
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
            delete(subscription.getConsumerName());
        }
    }

    /** Deletes a used consumer without waiting: the server would otherwise keep it until it is inactive. */
    private void delete(String consumer) {
        if (consumer != null) {
            connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + consumer, new byte[0]);
        }
    }
}
