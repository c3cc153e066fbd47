package io.rita.projection;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.rita.internal.ApiErrors;
import io.rita.internal.NoJetStream;
import io.rita.projection.ProjectionStatus.State;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a projector's thread does: make sure the bucket exists, hold the lease or wait for it,
 * and while holding it apply rounds from the feed and acknowledge them. Anything that goes wrong
 * with NATS (unreachable, a bucket or consumer removed under it, a gap in the deliveries) ends
 * the round unacknowledged, and the loop starts over: the bucket is created again if needed,
 * the lease taken again, the consumer re-created from what is acknowledged. Only an event that
 * cannot be applied stops it for good ({@link State#FAILED}).
 */
final class ProjectionLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(ProjectionLoop.class.getName());
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);
    private static final Duration STANDBY_POLL = Duration.ofMillis(250);

    private final Connection connection;
    private final String stream;
    private final Projection<?, ?> projection;
    private final ProjectorOptions options;
    private final ViewBucket bucket;
    private final Lease lease;
    private final Applier<?, ?> applier;
    private final String process;

    private final Object signal = new Object();
    /** The loop's thread while it waits for events, which is the one wait that {@link #stopRunning} interrupts. */
    private Thread waitingForEvents; // guarded by signal
    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile ProjectionFailedException failure;
    private volatile Instant lastApplied;
    private volatile long lastSequence;
    private volatile boolean ready;
    private volatile String problem;
    private long failureMarkerAt = -1;
    private ZonedDateTime bucketCreated;

    ProjectionLoop(Connection connection, String stream, Projection<?, ?> projection, ProjectorOptions options,
                   ViewBucket bucket, Lease lease, Applier<?, ?> applier, String process) {
        this.connection = connection;
        this.stream = stream;
        this.projection = projection;
        this.options = options;
        this.bucket = bucket;
        this.lease = lease;
        this.applier = applier;
        this.process = process;
    }

    @Override
    public void run() {
        Duration pause = options.backoff();
        try {
            while (running) {
                try {
                    ZonedDateTime created = bucket.ensure(options.replicas());
                    if (bucketCreated != null && !bucketCreated.equals(created)) {
                        LOG.log(System.Logger.Level.WARNING, "projection {0}: its bucket {1} was removed; it is created "
                                + "again and built from the start of the stream, and readers get an older ready version "
                                + "or ProjectionUnavailableException until it has caught up", projection.describe(),
                                bucket.name());
                        ready = false;
                    }
                    bucketCreated = created;
                    if (!lease.acquire(options.clock().instant(), lastApplied, lastSequence)) {
                        set(State.STANDBY);
                        ready = Markers.ready(bucket);
                        // often enough to take over at once from a holder that gives the lease up
                        pause(STANDBY_POLL.compareTo(options.leaseTime().dividedBy(4)) < 0 ? STANDBY_POLL
                                : options.leaseTime().dividedBy(4));
                        continue;
                    }
                    lead(created);
                    pause = options.backoff();
                } catch (ProjectionFailedException e) {
                    stop(e);
                    return;
                } catch (ProjectionException e) {
                    stop(new ProjectionFailedException(projection.name(), projection.version(), projection.filter(),
                            lastSequence, 1, e.getMessage(), e));
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (!running) {
                        return;
                    }
                    String unfit = unfit(e);
                    if (unfit != null) {
                        stop(new ProjectionFailedException(projection.name(), projection.version(),
                                projection.filter(), lastSequence, 1, unfit, e));
                        return;
                    }
                    trouble(e);
                    pause(pause);
                    pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                    if (pause.isZero()) {
                        pause = Duration.ofMillis(10);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            lease.release();
            if (state != State.FAILED) {
                set(State.STOPPED);
            }
        }
    }

    private void lead(ZonedDateTime created) throws Exception {
        applier.reset(bucket.holdsNoViews());
        ready = Markers.ready(bucket);
        failureMarkerAt = Markers.failure(bucket).map(Markers.Stopped::sequence).orElse(-1L);
        String incarnation = "feeds bucket " + bucket.name() + " created " + created.toInstant();
        try (Feed feed = Feed.open(connection, stream, projection, incarnation, options)) {
            problem = null;
            if (feed.pendingAtStart() == 0) {
                caughtUp();
            } else {
                set(State.CATCHING_UP);
            }
            while (running) {
                if (lease.renewDue() && !lease.renew(lastApplied, lastSequence)) {
                    return; // another process holds it now
                }
                Duration wait = lease.untilRenewal().compareTo(MAX_WAIT) > 0 ? MAX_WAIT : lease.untilRenewal();
                List<Message> round = nextRound(feed, wait.isZero() ? Duration.ofMillis(1) : wait);
                if (feed.broken()) {
                    return;
                }
                if (round.isEmpty()) {
                    continue;
                }
                if (!lease.valid()) {
                    // paused past the lease (a long GC, a frozen VM): another process may hold it by now
                    LOG.log(System.Logger.Level.WARNING, "projection {0}: the lease ran out before a round could be "
                            + "applied; taking it again before going on", projection.describe());
                    return;
                }
                if (!apply(round)) {
                    LOG.log(System.Logger.Level.WARNING, "projection {0}: the lease ran out during a round (longer "
                            + "than {1}); its views are written, and it is applied again after taking the lease again",
                            projection.describe(), options.leaseTime());
                    return;
                }
            }
        }
    }

    /** @return false when the lease ran out during the round: its views are written, but it is not acknowledged */
    private boolean apply(List<Message> round) throws Exception {
        Applier.Outcome outcome = applier.apply(round);
        if (outcome.applied() > 0) {
            Message last = round.get(outcome.applied() - 1);
            if (!lease.valid()) {
                // a taker re-creates the consumer; an acknowledgement of ours would reach that one
                // and could cover events it has not applied yet
                return false;
            }
            last.ack(); // the consumer acknowledges all: everything up to here is applied
            lastSequence = last.metaData().streamSequence();
            lastApplied = options.clock().instant();
            clearFailureIfPassed();
            if (outcome.failure() == null && last.metaData().pendingCount() == 0) {
                caughtUp();
            }
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return true;
    }

    /**
     * Clears the bucket's failure marker once the event it names is applied; a marker of a setup
     * failure names sequence 0, which a projector that catches up with nothing to apply has passed.
     */
    private void clearFailureIfPassed() throws Exception {
        if (failureMarkerAt >= 0 && lastSequence >= failureMarkerAt) {
            Markers.clearFailure(bucket);
            failureMarkerAt = -1;
        }
    }

    private void caughtUp() throws Exception {
        clearFailureIfPassed();
        if (!ready) {
            Markers.markReady(bucket, lastSequence, options.clock().instant());
            ready = true;
            LOG.log(System.Logger.Level.INFO, "projection {0} caught up with the stream (sequence {1}): readers use "
                    + "it from now on", projection.describe(), lastSequence);
        }
        set(State.LIVE);
    }

    private void stop(ProjectionFailedException e) {
        failure = e;
        LOG.log(System.Logger.Level.ERROR, e.getMessage(), e.getCause());
        try {
            Markers.markFailure(bucket, e, process, options.clock().instant());
        } catch (Exception unrecorded) {
            LOG.log(System.Logger.Level.WARNING, "projection {0}: the failure could not be recorded in bucket {1}: {2}",
                    projection.describe(), bucket.name(), unrecorded.toString());
        }
        set(State.FAILED);
    }

    /**
     * Why JetStream refuses the projection's own settings, which no retry changes (so it fails
     * instead of trying forever while its readers hear "not ready yet"); {@code null} for the
     * failures that may pass.
     */
    private String unfit(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return switch (api.getApiErrorCode()) {
                    case ApiErrors.FILTER_NOT_IN_STREAM -> "its filter " + projection.filter() + " is not among the"
                            + " subjects of store '" + stream + "'; fix the filter (a new version of the projection),"
                            + " or add its subjects to the store and start the projector again";
                    case ApiErrors.REPLICAS_NOT_SUPPORTED -> "its bucket cannot have " + options.replicas()
                            + " replicas on a nats-server that is not in a cluster; use ProjectorOptions.withReplicas(1)"
                            + " there";
                    default -> null;
                };
            }
        }
        return null;
    }

    private void trouble(Exception e) {
        // it tries again all the same: the server may be restarted with JetStream under this connection
        String text = NoJetStream.on(connection) ? NoJetStream.server(connection) + ", where projections keep their"
                + " views. " + NoJetStream.REMEDY + " (" + e + ")" : e.toString();
        if (!text.equals(problem)) {
            LOG.log(System.Logger.Level.WARNING, "projection {0}: {1}; trying again", projection.describe(), text);
        }
        problem = text;
    }

    private void set(State next) {
        synchronized (signal) {
            if (next != State.FAILED) {
                problem = null; // it got on: whatever held it up is over
            }
            state = next;
            signal.notifyAll();
        }
    }

    /** Waits for {@code pause}, or until the loop is asked to stop. */
    private void pause(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(1, pause.toMillis()) * 1_000_000L;
        synchronized (signal) {
            for (long left = deadline - System.nanoTime(); running && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
        }
    }

    /**
     * The feed's next round, or none when the loop is asked to stop while it waits. Only this wait
     * is interrupted by a stop: nothing of the round is applied yet, and what was delivered but not
     * acknowledged is delivered again to the next holder. A round being applied always finishes.
     */
    private List<Message> nextRound(Feed feed, Duration wait) throws Exception {
        synchronized (signal) {
            if (!running) {
                return List.of();
            }
            waitingForEvents = Thread.currentThread();
        }
        try {
            return feed.next(wait, options.batchSize());
        } catch (InterruptedException e) {
            if (running) {
                throw e; // not ours: the thread is being stopped by force
            }
            return List.of();
        } finally {
            synchronized (signal) {
                waitingForEvents = null;
                if (!running) {
                    Thread.interrupted(); // a stop's interrupt that came after the wait is not for the lease's release
                }
            }
        }
    }

    /** Asks the loop to end after its round; it releases the lease on the way out. */
    void stopRunning() {
        synchronized (signal) {
            running = false;
            if (waitingForEvents != null) {
                waitingForEvents.interrupt();
            }
            signal.notifyAll();
        }
    }

    /** Waits until the state is one of {@code states}, or the timeout passes; returns the state then. */
    State await(Duration timeout, State... states) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (true) {
                for (State wanted : states) {
                    if (state == wanted) {
                        return state;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return state;
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    State state() {
        return state;
    }

    ProjectionFailedException failure() {
        return failure;
    }

    Instant lastApplied() {
        return lastApplied;
    }

    long lastSequence() {
        return lastSequence;
    }

    boolean ready() {
        return ready;
    }

    /** What held it up last, while it tries again (no JetStream, NATS out of reach); {@code null} once it got on. */
    String problem() {
        return problem;
    }
}
