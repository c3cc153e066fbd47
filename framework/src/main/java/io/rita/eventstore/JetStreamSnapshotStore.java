package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.ApiErrors;
import io.rita.internal.DirectGet;
import io.rita.internal.StoreSetupException;
import io.rita.internal.WireHeaders;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A {@link SnapshotStore} on a JetStream stream of its own next to the event store's: stream
 * {@code <store>-snapshots}, one message per aggregate on {@code $RITA.snapshots.<store>.<subject>},
 * of which the server keeps only the latest ({@code max_msgs_per_subject} 1). The covered
 * sequence, the event id there and the state's version travel as headers
 * ({@value #SEQUENCE}, {@value #EVENT_ID}, {@value #VERSION}), so that {@code nats stream get}
 * shows them; reads are direct gets of the subject's last message.
 *
 * <pre>{@code
 * JetStreamSnapshotStore snapshots = Rita.of(connection).snapshotStore("kmm");
 * snapshots.ensure();                                   // creates the stream when it is missing
 * }</pre>
 *
 * <p>Why a stream and not a KV bucket (which is also a stream): any event subject is a valid
 * snapshot subject here, while KV keys allow fewer characters; the tags are headers, which jnats'
 * KV API does not write; and the costs measured the same ({@code io.rita.bench.SnapshotStores},
 * {@code docs/architecture.md}).
 * Deleting the event store does not delete its snapshots; a snapshot of an older life of the
 * stream is recognised by its event id and ignored. Thread-safe.
 */
public final class JetStreamSnapshotStore implements SnapshotStore {

    /** Header: the stream sequence of the last event the snapshot includes. */
    public static final String SEQUENCE = "rita-snapshot-sequence";
    /** Header: the id of the first event stored at that sequence. */
    public static final String EVENT_ID = "rita-snapshot-event-id";
    /** Header: the version of the state's shape. */
    public static final String VERSION = "rita-snapshot-version";

    private final String name;
    private final String prefix;
    private final int replicas;
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final DirectGet directGet;
    /** Reads ask first whether the stream exists: on the first read, and after one that timed out. */
    private final StreamCheck streamCheck;

    JetStreamSnapshotStore(Connection connection, String eventStore, int replicas, Duration timeout) {
        StoreConfig.of(eventStore); // the same rules as the event store's name
        this.name = eventStore + "-snapshots";
        this.prefix = "$RITA.snapshots." + eventStore + ".";
        this.replicas = replicas;
        this.connection = connection;
        try {
            this.jetStream = connection.jetStream(JetStreamOptions.builder().requestTimeout(timeout).build());
            this.management = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new EventStoreException(null, "JetStream is not available on this connection", e);
        }
        this.directGet = new DirectGet(connection, name, timeout);
        this.streamCheck = new StreamCheck(connection, name,
                (subject, cause) -> missing(subject, "read the snapshot of " + subject, cause),
                (subjects, copies) -> { }); // a snapshot's subject is the store's own making, always taken
    }

    /** The stream's name, {@code <store>-snapshots}. */
    public String name() {
        return name;
    }

    /**
     * Creates the stream when it is missing; an existing one is used as it is.
     *
     * @throws EventStoreException when the server cannot be reached or refuses the stream (for
     *                             example, its subjects overlap another stream's)
     */
    public void ensure() {
        try {
            management.getStreamInfo(name);
            streamCheck.seen();
            return;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != ApiErrors.STREAM_NOT_FOUND) {
                throw StoreErrors.failure(connection, name, null, "read info of snapshot store '" + name + "'", e);
            }
        } catch (IOException e) {
            throw StoreErrors.failure(connection, name, null, "read info of snapshot store '" + name + "'", e);
        }
        try {
            management.addStream(StreamConfiguration.builder()
                    .name(name)
                    .subjects(prefix + ">")
                    .storageType(StorageType.File)
                    .replicas(replicas)
                    .maxMessagesPerSubject(1)
                    .discardPolicy(DiscardPolicy.Old)
                    .allowDirect(true)
                    .build());
            streamCheck.seen();
        } catch (JetStreamApiException | IOException e) {
            throw StoreErrors.failure(connection, name, null, "create snapshot store '" + name + "'", e);
        }
    }

    /** Deletes the stream and every snapshot in it (the events are not touched). */
    public void delete() {
        try {
            management.deleteStream(name);
            streamCheck.doubt();
        } catch (IOException | JetStreamApiException e) {
            throw StoreErrors.failure(connection, name, null, "delete snapshot store '" + name + "'", e);
        }
    }

    @Override
    public Optional<Snapshot> read(String subject) {
        Subjects.requireConcrete("a snapshot read", subject);
        streamCheck.require(subject);
        try {
            return decode(subject, directGet.last(prefix + subject));
        } catch (DirectGet.DirectGetException e) {
            if (e.timedOut()) {
                streamCheck.doubt(); // perhaps the stream is gone: the next read asks
            }
            throw failure(subject, subject, "read the snapshot of " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(subject, "interrupted while reading the snapshot of " + subject, e);
        }
    }

    /** {@inheritDoc} One direct get, as {@link #read}, without a thread waiting for it. */
    @Override
    public CompletableFuture<Optional<Snapshot>> readAsync(String subject) {
        Subjects.requireConcrete("a snapshot read", subject);
        try {
            streamCheck.require(subject);
        } catch (EventStoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return directGet.lastAsync(prefix + subject).handle((stored, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(decode(subject, stored));
            }
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof DirectGet.DirectGetException direct && direct.timedOut()) {
                streamCheck.doubt(); // perhaps the stream is gone: the next read asks
            }
            // off jnats' thread: telling why may ask the server (NobodyListens), which that thread must not wait for
            return CompletableFuture.<Optional<Snapshot>>supplyAsync(() -> {
                throw failure(subject, subject, "read the snapshot of " + subject, cause);
            }, JetStreamEventStore.FOLLOW_UPS);
        }).thenCompose(Function.identity());
    }

    /**
     * As {@link StoreErrors#failure}, in this store's own words for a stream that does not exist;
     * {@code published} is the subject the stream has to take (a write's, below the prefix).
     */
    private EventStoreException failure(String subject, String published, String action, Throwable cause) {
        EventStoreException failure = StoreErrors.failure(connection, name, published, action, cause);
        if (failure instanceof StoreSetupException setup && setup.storeMissing()) {
            streamCheck.doubt(); // the next read asks first, instead of waiting for its direct get
            return missing(subject, action, cause);
        }
        return failure;
    }

    /** A read or write of a snapshot store that does not exist, and what to do. */
    private EventStoreException missing(String subject, String action, Throwable cause) {
        return StoreSetupException.missing("snapshot store", name, subject, action, "Create it with"
                + " JetStreamSnapshotStore.ensure() (Rita.snapshotStore(...).ensure()), or turn snapshots off;"
                + " until then cold loads fold every event", cause);
    }

    private Optional<Snapshot> decode(String subject, Optional<Message> stored) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Headers headers = stored.get().getHeaders();
        try {
            return Optional.of(new Snapshot(subject, Long.parseLong(headers.getFirst(SEQUENCE)),
                    headers.getFirst(EVENT_ID), Integer.parseInt(headers.getFirst(VERSION)), stored.get().getData()));
        } catch (RuntimeException e) {
            throw new EventStoreException(subject, "the snapshot of " + subject + " in '" + name
                    + "' has no valid " + SEQUENCE + ", " + EVENT_ID + " or " + VERSION + " header: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Snapshot snapshot) {
        Headers headers = new Headers()
                .put(SEQUENCE, Long.toString(snapshot.sequence()))
                .put(EVENT_ID, snapshot.eventId())
                .put(VERSION, Integer.toString(snapshot.version()))
                .put(WireHeaders.EXPECTED_STREAM, name);
        try {
            jetStream.publish(NatsMessage.builder().subject(prefix + snapshot.subject()).headers(headers)
                    .data(snapshot.data()).build());
        } catch (IOException | JetStreamApiException | IllegalArgumentException e) {
            throw failure(snapshot.subject(), prefix + snapshot.subject(), "write the snapshot of " + snapshot.subject(),
                    e);
        }
    }
}
