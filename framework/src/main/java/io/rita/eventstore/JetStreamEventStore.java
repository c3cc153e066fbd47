package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.AsyncPublish;
import io.rita.internal.DirectGet;
import io.rita.internal.LeaderReads;
import io.rita.internal.MessageReads;
import io.rita.internal.StoreSetupException;
import io.rita.internal.StoredMessage;
import io.rita.internal.SubjectReader;
import io.rita.internal.WireHeaders;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * An {@link EventStore} on one JetStream stream: one subject per aggregate, optimistic
 * concurrency through JetStream's expected sequences (how exactly: {@link AppendMode}),
 * de-duplication through {@code Nats-Msg-Id}. The message format is Rita's
 * ({@code docs/wire-format.md}).
 *
 * <pre>{@code
 * JetStreamEventStore orders = Rita.of(connection, options).eventStore("orders");
 * orders.create();                                   // stream "orders", subjects "orders.>"
 * long seq = orders.append("orders.1", List.of(Event.of(new OrderPlaced("book"))),
 *                          Expected.sequence(0)).sequence();
 * LoadResult loaded = orders.load("orders.1");
 * }</pre>
 *
 * <p>The store learns where it runs (server version, stream replicas) when it is created,
 * ensured, updated or {@linkplain #open() opened}, or else at its first append with an
 * expectation, and picks its {@link AppendMode} then.
 *
 * <p>Thread-safe. Every method throws unchecked exceptions only: {@link EventStoreException}
 * and its subclasses, {@link IllegalArgumentException} for bad arguments; jnats' checked
 * exceptions are wrapped with their cause kept.
 */
public final class JetStreamEventStore implements EventStore {

    private static final System.Logger LOG = System.getLogger(JetStreamEventStore.class.getName());
    /**
     * How long a load's consumer may deliver nothing before the rest is read from the stream's
     * leader: a consumer served by a replica that is catching up stalls, and jnats' ordered
     * consumer notices a lost delivery only after its 5 s heartbeat.
     */
    private static final Duration CONSUMER_STALL = Duration.ofSeconds(1);
    /** Runs the follow-ups of asynchronous calls that may wait (requests, a failure's diagnosis), off jnats' reply thread. */
    static final Executor FOLLOW_UPS = Executors.newVirtualThreadPerTaskExecutor();

    private final Connection connection;
    private final StoreConfig config;
    private final String name;
    private final RitaOptions options;
    private final EventEncoding encoding;
    private final JetStream jetStream;
    private final JetStreamManagement management;
    private final DirectGet directGet;
    private final AsyncPublish asyncPublish;
    private final MessageReads reads;
    private final LeaderReads leader;
    private final SubjectLoads loads;
    private final KnownPlacement placement;
    private final StreamSequenceAppend streamSequence;
    private final StreamAdmin admin;
    /** Reads ask whether the stream exists before the first one, and after one found it missing. */
    private final StreamCheck streamCheck;
    /** Reads of a subject the stream does not take are refused, not answered "no events". */
    private final BoundSubjects bound;

    JetStreamEventStore(Connection connection, StoreConfig config, RitaOptions options) {
        this.connection = connection;
        this.config = config;
        this.name = config.name();
        this.options = options;
        this.encoding = new EventEncoding(options);
        LeaderReads leader;
        try {
            // appends and reads wait RitaOptions.timeout(), rather than the connection's default;
            // the stream's administration keeps the connection's
            JetStreamOptions timed = JetStreamOptions.builder().requestTimeout(options.timeout()).build();
            this.jetStream = connection.jetStream(timed);
            this.management = connection.jetStreamManagement();
            leader = new LeaderReads(connection, connection.jetStreamManagement(timed), name, options.timeout());
        } catch (IOException e) {
            throw new EventStoreException(null, "JetStream is not available on this connection", e);
        }
        this.directGet = new DirectGet(connection, name, options.timeout());
        this.asyncPublish = new AsyncPublish(connection, options.timeout());
        this.leader = leader;
        this.placement = new KnownPlacement(config.appendMode(), connection, management, name);
        this.reads = new MessageReads(directGet, leader, placement::replicated);
        this.loads = new SubjectLoads(name, encoding, directGet, reads, this::failure,
                new SubjectReader(connection, jetStream, directGet, leader, name, CONSUMER_STALL));
        this.streamSequence = new StreamSequenceAppend(this, jetStream, leader);
        this.admin = new StreamAdmin(config, management, placement, this::failure);
        this.bound = new BoundSubjects(connection, name);
        this.streamCheck = new StreamCheck(connection, name, this::missing, (subjects, replicas) -> {
            bound.learn(subjects);
            placement.learnReplicas(replicas);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RitaOptions options() {
        return options;
    }

    /** The connection this store reads and writes through (owned by the caller, as it was given to {@link Rita}). */
    public Connection connection() {
        return connection;
    }

    /** The settings this store was named with (the stream may differ: see {@link #info()}). */
    public StoreConfig config() {
        return config;
    }

    /**
     * Creates the stream with this store's settings. Creating a store that exists with the same
     * settings succeeds; with other settings it fails.
     *
     * @throws EventStoreException when the stream exists with different settings or cannot be created,
     *                             or the {@link AppendMode} asked for would not be exact on it (nothing
     *                             is created then)
     */
    public StoreInfo create() {
        requireOpen(null, "create store '" + name + "'");
        return seen(admin.create());
    }

    /**
     * Creates the stream when it is missing, or adopts the one that exists (made by an earlier
     * version, by hand, or by Go Rita) when it binds this store's subjects: direct gets, which
     * loads read through, are turned on, and a stream with fewer replicas than this store's
     * configuration gets more (never fewer: a configuration that does not say otherwise must not
     * take copies away; {@link #update()} changes settings explicitly). Other settings of an
     * existing stream are left as they are. A stream that deletes messages by itself (a retention
     * other than limits, a maximum age, or a maximum of messages per subject, messages or bytes
     * that discards the oldest) is not adopted: it would lose events it acknowledged.
     *
     * @throws EventStoreException when an existing stream does not bind this store's subjects or
     *                             deletes messages by itself, the {@link AppendMode} asked for would
     *                             not be exact on it, or the server cannot be reached
     */
    public StoreInfo ensure() {
        requireOpen(null, "ensure store '" + name + "'");
        return seen(admin.ensure());
    }

    /**
     * Applies this store's settings to its existing stream (subjects, storage cannot change,
     * replicas, duplicate window, max message size).
     *
     * @throws EventStoreException when the stream does not exist or deletes messages by itself (see
     *                             {@link #ensure()}), the server refuses the change, or the
     *                             {@link AppendMode} asked for would not be exact with it (nothing is
     *                             changed then)
     */
    public StoreInfo update() {
        requireOpen(null, "update store '" + name + "'");
        return seen(admin.update());
    }

    /**
     * Checks that the stream exists and learns where it runs, choosing the {@link AppendMode} now
     * rather than at the first append with an expectation, and which subjects it takes.
     *
     * <pre>{@code
     * JetStreamEventStore orders = Rita.of(connection, options).eventStore("orders").open();
     * }</pre>
     *
     * <p>A stream that deletes messages by itself is refused, as {@link #ensure()} refuses it. A
     * store that is never created, ensured, updated or opened does not look: it appends to the
     * stream as it finds it.
     *
     * @return this store
     * @throws EventStoreException when the stream cannot be read or deletes messages by itself, or
     *                             {@link AppendMode#PER_SUBJECT} was asked for where it would not be
     *                             exact (a replicated stream on nats-server before 2.9.21)
     */
    public JetStreamEventStore open() {
        requireOpen(null, "open store '" + name + "'");
        placement.appendMode(true);
        seen(admin.open()); // and its subjects, so that reads outside them are refused
        return this;
    }

    /**
     * The mode this store appends in, chosen for where it runs (see {@link AppendMode}); learns
     * that first when it does not know it yet.
     *
     * @throws EventStoreException when the stream cannot be read, or {@link AppendMode#PER_SUBJECT}
     *                             was asked for where it would not be exact (it does not check the
     *                             stream's limits, as {@link #open()} does)
     */
    public AppendMode appendMode() {
        return placement.appendMode(false);
    }

    /** Deletes the stream and every event in it. */
    public void delete() {
        requireOpen(null, "delete store '" + name + "'");
        admin.delete();
        streamCheck.doubt();
    }

    /** What the stream is and holds. */
    public StoreInfo info() {
        requireOpen(null, "read info of store '" + name + "'");
        return seen(admin.info());
    }

    @Override
    public AppendResult append(String subject, List<Event> events, Expected expected) {
        requireOpen(subject, "append to " + subject);
        PendingAppend outgoing = prepare(subject, events, expected);
        if (inStreamSequenceMode(outgoing)) {
            return streamSequence.append(outgoing);
        }
        try {
            return outgoing.accept(jetStream.publish(outgoing.message));
        } catch (JetStreamApiException e) {
            return outgoing.recover(e);
        } catch (IOException e) {
            throw failure(subject, "append to " + subject, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The acknowledgement is awaited by jnats; only the rare follow-ups that need another
     * request (a duplicate to verify, a conflict to tell from our own retry) move to a virtual
     * thread, because blocking on jnats' reply thread would wait for a reply it must deliver.
     */
    @Override
    public CompletableFuture<AppendResult> appendAsync(String subject, List<Event> events, Expected expected) {
        PendingAppend outgoing;
        try {
            requireOpen(subject, "append to " + subject);
            outgoing = prepare(subject, events, expected);
            if (inStreamSequenceMode(outgoing)) {
                // three requests in a row, which may start over: a virtual thread waits for them
                return CompletableFuture.supplyAsync(() -> streamSequence.append(outgoing), FOLLOW_UPS);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return asyncPublish.publish(outgoing.message)
                .thenCompose(ack -> ack.isDuplicate()
                        ? CompletableFuture.supplyAsync(() -> outgoing.accept(ack), FOLLOW_UPS)
                        : CompletableFuture.completedFuture(new AppendResult(ack.getSeqno(), false)))
                .exceptionallyComposeAsync(error -> {
                    JetStreamApiException api = StoreErrors.apiException(error);
                    if (api != null) {
                        return CompletableFuture.completedFuture(outgoing.recover(api));
                    }
                    throw failure(subject, "append to " + subject, StoreErrors.unwrap(error));
                }, FOLLOW_UPS);
    }

    private PendingAppend prepare(String subject, List<Event> events, Expected expected) {
        EventEncoding.checkExpected(expected);
        List<EncodedEvent> wire = encoding.encode(subject, events);
        MessagePacking.Packed packed = MessagePacking.pack(wire);
        packed.headers().put(WireHeaders.EXPECTED_STREAM, name);
        long expectedSequence = -1;
        if (expected instanceof Expected.Sequence sequence) {
            expectedSequence = sequence.value();
            packed.headers().put(WireHeaders.EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(expectedSequence));
        }
        // the server's max_payload bounds headers plus data
        long size = (long) packed.data().length + packed.headers().serializedLength();
        long max = connection.getMaxPayload();
        if (max > 0 && size > max) {
            throw new PayloadTooLargeException(subject, size, max);
        }
        Message message = NatsMessage.builder().subject(subject).headers(packed.headers()).data(packed.data()).build();
        return new PendingAppend(this, subject, message, wire.get(0).id(), expectedSequence, size);
    }

    /**
     * Whether this append goes the {@link AppendMode#STREAM_SEQUENCE} way. Appends without an
     * expectation need no mode; expecting no events yet ({@code 0}) the server checks in log order
     * on every version, so only an expectation above 0 needs it.
     */
    private boolean inStreamSequenceMode(PendingAppend outgoing) {
        if (outgoing.expected < 0) {
            return false;
        }
        AppendMode mode = placement.appendMode(false); // refuses a mode that would not be exact here
        return mode == AppendMode.STREAM_SEQUENCE && outgoing.expected > 0;
    }

    long streamMaxMessageSize() {
        try {
            return management.getStreamInfo(name).getConfiguration().getMaximumMessageSize();
        } catch (IOException | JetStreamApiException e) {
            return -1;
        }
    }

    @Override
    public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        requireOpen(subject, "read " + subject);
        streamCheck.require(subject);
        bound.requireTaken(subject, "read " + subject);
        return loads.load(subject, afterSequence, unknown);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The cut-off and a read from the subject's start go out at once, alongside the caller's
     * snapshot read: with no snapshot (most cold aggregates) the first event is then there when
     * the sequence is, without another round trip. After a snapshot, the events from its covered
     * one: by two direct gets sent together when the range spans at most three sequences, else by
     * one consumer at once.
     */
    @Override
    public LoadResult load(String subject, CompletableFuture<Long> afterSequence, UnknownTypes unknown) {
        requireOpen(subject, "read " + subject);
        streamCheck.require(subject);
        bound.requireTaken(subject, "read " + subject);
        return loads.load(subject, afterSequence, unknown);
    }

    /**
     * {@inheritDoc}
     *
     * <p>From stream info, which the stream's leader answers on a replicated stream; one round trip.
     */
    @Override
    public long lastSequence() {
        requireOpen(null, "read the last sequence of store '" + name + "'");
        try {
            return leader.lastSequence();
        } catch (IOException | JetStreamApiException e) {
            throw failure(null, "read the last sequence of store '" + name + "'", e);
        }
    }

    /**
     * Fails a call on a closed connection with what to do, not with jnats' bare "Connection is
     * Closed" from deep inside (an {@link IllegalStateException}, not an {@link EventStoreException}).
     */
    private void requireOpen(String subject, String action) {
        if (connection.getStatus() == Connection.Status.CLOSED) {
            throw new EventStoreException(subject, "cannot " + action + ": the connection of store '" + name
                    + "' is closed; a store cannot be used after its connection is closed: connect again and make"
                    + " the store anew (Rita.of(connection).eventStore(...))");
        }
    }

    Optional<StoredMessage> storedAt(String subject, long sequence) {
        try {
            return reads.at(sequence);
        } catch (IOException | JetStreamApiException | DirectGet.DirectGetException e) {
            throw failure(subject, "read sequence " + sequence + " of store '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(subject, "interrupted while reading sequence " + sequence, e);
        }
    }

    Optional<StoredMessage> lastMessage(String subject) {
        streamCheck.require(subject);
        return loads.lastMessage(subject);
    }

    EventStoreException failure(String subject, String action, Throwable cause) {
        EventStoreException failure = StoreErrors.failure(connection, name, subject, action, cause);
        if (failure instanceof StoreSetupException) {
            streamCheck.doubt(); // perhaps the stream is gone: later reads ask at once instead of timing out
        }
        return failure;
    }

    private StoreInfo seen(StoreInfo info) {
        streamCheck.seen(info.config().subjects(), info.config().replicas());
        return info;
    }

    private EventStoreException missing(String subject, Throwable cause) {
        return StoreSetupException.missing(name, subject, "read " + subject, cause);
    }
}
