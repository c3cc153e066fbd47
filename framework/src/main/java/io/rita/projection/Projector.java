package io.rita.projection;

import io.nats.client.JetStreamApiException;
import io.nats.client.NUID;
import io.nats.client.api.ConsumerInfo;
import io.rita.eventstore.EventEncoding;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.projection.ProjectionStatus.State;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a {@link Projection}: folds the store's events into views in a JetStream key-value
 * bucket, fed by a durable consumer, so that it survives restarts and goes on where it stopped.
 *
 * <pre>{@code
 * Projector<AccountEvent, Row> projector = Projector.start(store, accounts, ProjectorOptions.defaults());
 * projector.awaitLive(Duration.ofSeconds(30));      // caught up with the stream (throws InterruptedException)
 * projector.views().get("susie");                   // Optional[Row[balance=20]]
 * projector.status();                               // LIVE, behind 0, last applied ...
 * projector.close();                                // at shutdown: another process takes over at once
 * }</pre>
 *
 * <p><b>Exactly once in effect.</b> Every view remembers the stream sequence of the last event
 * applied to it and skips events at or below it, and every write expects the revision the view
 * was read at. An event delivered again (after a crash, a restart, a takeover) leaves the view as
 * it was.
 *
 * <p><b>One process applies it.</b> Any number of processes may start the same projection; they
 * share one durable consumer, and the one that holds the lease in the bucket applies the events
 * while the others stand by ({@link State#STANDBY}) and take over when it stops renewing the
 * lease (after {@link ProjectorOptions#leaseTime()}), or at once when it closes.
 *
 * <p><b>Failures.</b> NATS out of reach, the bucket or the consumer removed: it logs once, keeps
 * trying, and goes on from what was applied (a removed bucket is built again from the start of the
 * stream). An event that cannot be applied (the projection's function throws on every one of
 * {@link ProjectorOptions#maxAttempts()} attempts, an unknown event type, an unreadable view) stops
 * it: {@link ProjectionStatus#state()} is {@link State#FAILED}, {@link ProjectionStatus#failure()}
 * names the subject and sequence, and the event is neither skipped nor acknowledged.
 *
 * <p><b>A new version</b> ({@link Projection#withVersion}) is built from the start in a bucket of
 * its own while the previous one keeps serving; {@link Views} switch to it once it has caught up.
 * Remove an old version with {@link #remove} when no process runs it any more.
 */
public final class Projector<E, V> implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Projection<E, V> projection;
    private final JetStreamEventStore store;
    private final ProjectionLoop loop;
    private final Thread thread;
    private final Views<V> views;
    private final String process;

    private Projector(JetStreamEventStore store, Projection<E, V> projection, ProjectorOptions options) {
        this.store = store;
        this.projection = projection;
        this.process = processName();
        ViewBucket bucket = new ViewBucket(store.connection(), projection.bucket(), store.options().timeout());
        ViewCodec<V> codec = new ViewCodec<>(projection, store.options().types().json());
        Lease lease = new Lease(bucket, NUID.nextGlobal(), process, options.leaseTime(), System::nanoTime,
                projection.describe());
        Applier<E, V> applier = new Applier<>(projection, bucket, codec, new EventEncoding(store.options()),
                new Attempts(options.maxAttempts(), options.backoff()), options.cacheSize());
        this.loop = new ProjectionLoop(store.connection(), store.name(), projection, options, bucket, lease, applier,
                process);
        this.views = Views.of(store, projection,
                () -> loop.state() == State.FAILED && loop.failure() != null ? loop.failure().getMessage() : null);
        this.thread = Thread.ofPlatform().daemon().name("projection-" + projection.bucket()).unstarted(loop);
    }

    /**
     * Starts applying {@code projection} to the events of {@code store} on a thread of its own,
     * and returns at once.
     */
    public static <E, V> Projector<E, V> start(JetStreamEventStore store, Projection<E, V> projection,
                                               ProjectorOptions options) {
        Projector<E, V> projector = new Projector<>(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(projection, "projection"), Objects.requireNonNull(options, "options"));
        projector.thread.start();
        return projector;
    }

    /** Starts with {@link ProjectorOptions#defaults()}. */
    public static <E, V> Projector<E, V> start(JetStreamEventStore store, Projection<E, V> projection) {
        return start(store, projection, ProjectorOptions.defaults());
    }

    /** The projection it runs. */
    public Projection<E, V> projection() {
        return projection;
    }

    /** The views, to read (of this version once it is ready, of an older one until then). */
    public Views<V> views() {
        return views;
    }

    /**
     * How it is doing: this process's state, how far behind the stream it is (one request to
     * JetStream), and the last applied event, from the process that applies it (none yet while
     * {@link State#STARTING}). Never fails for a server that does not answer: a standby whose
     * bucket gives no answer says so in {@link ProjectionStatus#failure()}, the rest unknown.
     */
    public ProjectionStatus status() {
        State state = loop.state();
        if (state == State.STARTING) {
            // nothing read yet, and the bucket may be being created this moment: nats-server 2.9.10
            // leaves a direct get of a stream under creation unanswered, so reading it here would
            // hold this call for the whole read timeout (5 s)
            return new ProjectionStatus(projection.name(), projection.version(), state, behind(), null, 0, false,
                    null, loop.problem());
        }
        if (state == State.STANDBY) {
            ProjectionStatus shared;
            try {
                shared = views.status();
            } catch (ProjectionUnavailableException unanswered) {
                // what the process holding it reports is not known just now; this one still stands by
                return new ProjectionStatus(projection.name(), projection.version(), state, -1, null, 0, false, null,
                        unanswered.getMessage());
            }
            return new ProjectionStatus(projection.name(), projection.version(), state, shared.behind(),
                    shared.lastApplied(), shared.lastSequence(), shared.ready(), shared.holder(), shared.failure());
        }
        ProjectionFailedException failure = loop.failure();
        boolean leading = state == State.LIVE || state == State.CATCHING_UP;
        return new ProjectionStatus(projection.name(), projection.version(), state, behind(), loop.lastApplied(),
                loop.lastSequence(), loop.ready(), leading ? process : null,
                failure != null ? failure.getMessage() : null);
    }

    /**
     * Waits until it is level with the stream ({@link State#LIVE}: it applies the projection and
     * has caught up, or another process does and this version is ready), it failed, or the
     * timeout passed, and returns the status then.
     */
    public ProjectionStatus awaitLive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            State state = loop.await(Duration.ofNanos(Math.max(1, Math.min(left, POLL.toNanos()))),
                    State.LIVE, State.FAILED, State.STOPPED);
            if (state == State.LIVE || state == State.FAILED || state == State.STOPPED) {
                return status();
            }
            if (state == State.STANDBY) {
                ProjectionStatus status = status();
                if (status.ready() && status.behind() == 0) {
                    return status;
                }
            }
            if (left <= 0) {
                return status();
            }
        }
    }

    /**
     * Stops applying: the round in progress finishes, the lease is given up so that another
     * process takes over at once, and the thread ends. A projector that waits (for events, for the
     * lease, or before trying again after a failure) stops waiting at once. Idempotent.
     */
    @Override
    public void close() {
        loop.stopRunning();
        try {
            thread.join(CLOSE_WAIT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes a version of a projection: its durable consumer and its bucket with every view.
     * For a version no process runs any more (one that runs would build it again).
     *
     * @throws ProjectionException when the store cannot be reached or refuses
     */
    public static void remove(JetStreamEventStore store, String name, int version) {
        Projection.requireName(name);
        if (version < 1) {
            // no such version could exist: removing "nothing" without a word would hide the mistake
            throw new IllegalArgumentException("a projection version must be 1 or more, was " + version);
        }
        String bucket = Projection.bucketOf(name, version);
        try {
            if (Feed.info(store.connection().jetStreamManagement(), store.name(), "projection-" + bucket) != null) {
                store.connection().jetStreamManagement().deleteConsumer(store.name(), "projection-" + bucket);
            }
            ViewBucket views = new ViewBucket(store.connection(), bucket, store.options().timeout());
            if (views.created().isPresent()) {
                views.delete();
            }
        } catch (IOException | JetStreamApiException e) {
            throw new ProjectionException(name, version, "cannot remove projection " + name + " v" + version + ": "
                    + e.getMessage(), e);
        }
    }

    private long behind() {
        try {
            ConsumerInfo info = Feed.info(store.connection().jetStreamManagement(), store.name(), projection.consumer());
            return info == null ? -1 : info.getNumPending() + info.getNumAckPending();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            return -1;
        }
    }

    private static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + " pid " + ProcessHandle.current().pid();
    }
}
