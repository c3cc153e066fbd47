package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.ApiErrors;
import io.rita.internal.AsyncPublish;
import io.rita.internal.DirectGet;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One view bucket: a JetStream key-value bucket ({@code KV_<bucket>} stream, subjects
 * {@code $KV.<bucket>.<key>}, one value per key) read with direct gets and written with plain
 * JetStream publishes, so that each entry can carry the stream sequence it has applied in a
 * header next to the view and every write can expect the key's revision (compare-and-set).
 * Readers that know nothing of Rita ({@code nats kv get}) see the view itself.
 */
final class ViewBucket {

    /** The stream sequence of the last event applied to an entry; on every entry the projection writes. */
    static final String SEQUENCE_HEADER = "rita-projection-sequence";
    /** The key-value operation header of deletes and purges (absent on puts). */
    static final String OPERATION_HEADER = "KV-Operation";
    static final String DELETE = "DEL";
    private static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";

    private final String bucket;
    private final String stream;
    private final String prefix;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final KeyValueManagement keyValues;
    private final DirectGet directGet;
    private final AsyncPublish publish;
    private final Duration timeout;
    /** Whether the bucket was seen to exist, so that reads need not ask (see {@link #requireExisting()}). */
    private volatile boolean known;

    ViewBucket(Connection connection, String bucket, Duration timeout) {
        this.bucket = bucket;
        this.stream = "KV_" + bucket;
        this.prefix = "$KV." + bucket + ".";
        try {
            // its consumers (a read of every view) and its info (asked before reads) wait no longer than reads do
            JetStreamOptions timed = JetStreamOptions.builder().requestTimeout(timeout).build();
            this.jetStream = connection.jetStream(timed);
            this.management = connection.jetStreamManagement(timed);
            this.keyValues = connection.keyValueManagement();
        } catch (IOException e) {
            throw new IllegalStateException("JetStream is not available on this connection", e);
        }
        this.directGet = new DirectGet(connection, stream, timeout);
        this.publish = new AsyncPublish(connection, timeout);
        this.timeout = timeout;
    }

    /**
     * How long a caller waits for a {@link #write}: it fails by itself after the timeout
     * ({@code RitaOptions.timeout()}), so this only bounds a wait for one that never ends.
     */
    Duration writeWait() {
        return timeout.multipliedBy(2);
    }

    /** The bucket's name. */
    String name() {
        return bucket;
    }

    /** When the bucket's stream was created, or empty when there is no such bucket: tells one incarnation from the next. */
    Optional<ZonedDateTime> created() throws IOException, JetStreamApiException {
        try {
            StreamInfo info = management.getStreamInfo(stream);
            return Optional.of(info.getCreateTime());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the bucket when it does not exist (one value per key, file storage); returns its creation time. */
    ZonedDateTime ensure(int replicas) throws IOException, JetStreamApiException {
        Optional<ZonedDateTime> created = created();
        if (created.isPresent()) {
            return created.get();
        }
        try {
            keyValues.create(KeyValueConfiguration.builder().name(bucket).maxHistoryPerKey(1)
                    .storageType(StorageType.File).replicas(replicas)
                    .description("views of a Rita projection; keys _rita.* are its own").build());
        } catch (JetStreamApiException e) {
            // another process created it at the same moment, with the same settings or not: read back what exists
            if (created().isEmpty()) {
                throw e;
            }
        }
        return created().orElseThrow(() -> new IOException("bucket " + bucket + " vanished right after creation"));
    }

    /**
     * Whether the bucket holds nothing but the projection's own records (a bucket just created,
     * or created again): then a key that is not in memory has no view, and need not be read.
     */
    boolean holdsNoViews() throws IOException, JetStreamApiException {
        // the count first: with every subject, the info of a bucket of 1,000,000 views took
        // nats-server 2.9 23 s (and the projector's connection with it), to answer "no"
        if (management.getStreamInfo(stream).getStreamState().getMsgCount() > 3) {
            return false;
        }
        StreamInfo info = management.getStreamInfo(stream, StreamInfoOptions.allSubjects());
        if (info.getStreamState().getMsgCount() > 3) {
            return false;
        }
        List<Subject> subjects = info.getStreamState().getSubjects();
        return subjects == null || subjects.stream().allMatch(subject -> subject.getName().startsWith(prefix + ViewKeys.OWN_PREFIX));
    }

    /** Removes the bucket and every view in it. */
    void delete() throws IOException, JetStreamApiException {
        keyValues.delete(bucket);
    }

    /**
     * The entry of a bucket key ({@link ViewKeys#encode encoded}), deletes included; empty when the
     * key was never written.
     *
     * @throws DirectGet.DirectGetException when the bucket does not exist or cannot be read; one
     *                                      that {@linkplain DirectGet.DirectGetException#timedOut()
     *                                      timed out} means the server did not answer, not that the
     *                                      bucket is gone
     */
    Optional<Entry> read(String key) throws InterruptedException {
        boolean asked = !known;
        if (asked) {
            requireExisting();
        }
        try {
            return directGet.last(prefix + key).map(reply -> entryOf(key, reply.getHeaders(), reply.getData(),
                    DirectGet.sequenceOf(reply)));
        } catch (DirectGet.DirectGetException e) {
            if (e.timedOut()) {
                known = false;
                if (!asked) {
                    requireExisting(); // deleted since, perhaps: then it says so rather than "no answer"
                }
            }
            throw e;
        }
    }

    /**
     * Asks whether the bucket exists before reading it: nats-server 2.9 leaves a direct get to a
     * stream that does not exist unanswered until the read's timeout (5 s), where the stream's
     * info says "not found" at once. Asked once, and again when a read times out.
     */
    private void requireExisting() {
        try {
            if (created().isEmpty()) {
                throw new DirectGet.DirectGetException("there is no bucket " + bucket);
            }
            known = true;
        } catch (IOException | JetStreamApiException e) {
            // the info could not be had: the read itself says what is wrong
        }
    }

    /**
     * Writes an entry if the key is still at {@code expectedRevision} (0: never written), and
     * returns the new revision; fails with a {@link JetStreamApiException} of code
     * {@link ApiErrors#WRONG_LAST_SEQUENCE} when someone else wrote the key since.
     */
    CompletableFuture<Long> write(String key, byte[] view, long sequence, long expectedRevision) {
        Headers headers = new Headers()
                .put(EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(expectedRevision))
                .put(SEQUENCE_HEADER, Long.toString(sequence));
        if (view == null) {
            headers.put(OPERATION_HEADER, DELETE);
        }
        NatsMessage message = NatsMessage.builder().subject(prefix + key).headers(headers)
                .data(view == null ? new byte[0] : view).build();
        return publish.publish(message).thenApply(ack -> ack.getSeqno());
    }

    /** Every entry that holds a view or a projection record (deletes left out), read with one ordered consumer. */
    List<Entry> readAll() throws IOException, JetStreamApiException, InterruptedException {
        ConsumerConfiguration last = ConsumerConfiguration.builder().ackPolicy(AckPolicy.None)
                .deliverPolicy(DeliverPolicy.LastPerSubject).filterSubject(prefix + ">").build();
        JetStreamSubscription subscription = jetStream.subscribe(null,
                PushSubscribeOptions.builder().stream(stream).ordered(true).configuration(last).build());
        try {
            List<Entry> entries = new ArrayList<>();
            long pending = subscription.getConsumerInfo().getCalculatedPending();
            while (pending-- > 0) {
                Message message = subscription.nextMessage(timeout);
                if (message == null) {
                    throw new IOException("bucket " + bucket + " stopped delivering its entries");
                }
                Entry entry = entryOf(message.getSubject().substring(prefix.length()), message.getHeaders(),
                        message.getData(), message.metaData().streamSequence());
                if (!entry.removed()) {
                    entries.add(entry);
                }
            }
            return entries;
        } finally {
            subscription.unsubscribe();
        }
    }

    private static Entry entryOf(String key, Headers headers, byte[] data, long revision) {
        String operation = headers == null ? null : headers.getFirst(OPERATION_HEADER);
        String sequence = headers == null ? null : headers.getFirst(SEQUENCE_HEADER);
        long applied;
        try {
            applied = sequence == null ? -1 : Long.parseLong(sequence.trim());
        } catch (NumberFormatException e) {
            applied = -1;
        }
        return new Entry(key, revision, operation != null, applied, data == null ? new byte[0] : data);
    }

    /**
     * One stored entry.
     *
     * @param key      the bucket key (encoded)
     * @param revision its revision (the bucket stream's sequence), what a write expects
     * @param removed  whether it is a delete or purge marker
     * @param sequence the event stream sequence applied to it; -1 when the entry carries none, i.e. it was
     *                 not written by a projector
     * @param data     the encoded view (empty for a removal)
     */
    record Entry(String key, long revision, boolean removed, long sequence, byte[] data) {
    }
}
