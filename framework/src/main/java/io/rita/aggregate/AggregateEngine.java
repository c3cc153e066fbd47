package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.eventstore.Subjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Handles commands for the aggregates of one decider on an event store: load (from its cache or
 * the store), decide, append with the expected sequence, retry on conflicts, answer. Plain Java,
 * no transport: call it from a NATS service (the {@code io.rita.service} runner does), an HTTP
 * handler, a scheduled job or a test.
 *
 * <pre>{@code
 * AggregateEngine<AccountCommand, AccountEvent, AccountState> accounts =
 *         AggregateEngine.of(store, new AccountDecider(clock, zone), EngineOptions.defaults());
 *
 * Outcome<AccountEvent, AccountState> outcome = accounts.handle("kmm.events.accounts.susie",
 *         new DepositFunds(new BigDecimal("20"), "allowance"),
 *         CommandOptions.defaults().withCommandId("allowance-2026-12-06"));
 * Folded<AccountState> now = accounts.read("kmm.events.accounts.susie");
 * }</pre>
 *
 * <p>What it guarantees, in one process and across any number of processes on one store:
 * <ul>
 *   <li><b>One decision at a time per aggregate</b>, first come first served: commands on one
 *       aggregate wait in its line while other aggregates go on in parallel. Commands waiting
 *       together are decided one after another on the evolving state and stored in one
 *       all-or-nothing append (group commit); each keeps its own event ids, metadata and answer,
 *       and a refused one stores nothing.</li>
 *   <li><b>Optimistic concurrency</b>: a warm aggregate is decided on its cached state and the
 *       append expects the cached sequence, so one store round trip per command; another
 *       writer's event makes the append fail, and the engine reads the new events and decides
 *       again, with jittered backoff, up to {@link EngineOptions#maxAttempts()} times. A command
 *       is never refused on old data: when nothing is stored the engine first confirms that the
 *       aggregate did not move.</li>
 *   <li><b>Commands count once</b>: the events of a command get ids {@code <command id>-<index>}
 *       and {@value CommandOptions#CAUSATION_ID} metadata, and each cached aggregate remembers its
 *       last {@link EngineOptions#recentCommands()} commands (rebuilt from that metadata on load),
 *       so a resend is answered {@link Outcome.Duplicate}, however late.</li>
 *   <li><b>Client-held expectations</b>: with {@link CommandOptions#expected()} the command is
 *       decided only at that sequence, never retried.</li>
 *   <li><b>Snapshots</b>, when {@link EngineOptions#snapshots()} are on: a cold aggregate is loaded
 *       from its latest snapshot and the events after it; snapshots are written in the background
 *       and never delay or fail a command, and one that does not fit is ignored ({@link Snapshots}).</li>
 * </ul>
 *
 * <p>The cache holds at most {@link EngineOptions#cacheSize()} aggregates of this engine, least
 * recently used out first. Thread-safe.
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class AggregateEngine<C, E, S> {

    private static final System.Logger LOG = System.getLogger(AggregateEngine.class.getName());

    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EngineOptions options;
    private final AggregateCache<E, S> cache;
    private final SnapshotKeeper<E, S> snapshots;
    private final Loader<E, S> loader;
    private final GroupCommit<C, E, S> commit;
    private final Lines<Job<C, E, S>> lines;
    private final CatchUp catchUp;

    private AggregateEngine(EventStore store, Decider<C, E, S> decider, EngineOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.options = Objects.requireNonNull(options, "options");
        @SuppressWarnings("unchecked") // E is the decider's declared event type (or Object when it declares none)
        Class<E> eventType = (Class<E>) EventTypes.of(decider);
        requireRegistered(store, decider, eventType);
        this.snapshots = SnapshotKeeper.of(store, decider, options, eventType);
        this.cache = new AggregateCache<>(options.cacheSize(), snapshots::leaving);
        this.catchUp = new CatchUp(options.catchUpTimeout());
        this.loader = new Loader<>(store, decider, eventType, options.recentCommands(), snapshots, catchUp);
        this.commit = new GroupCommit<>(store, decider, loader, cache, options);
        this.lines = new Lines<>(options.maxGroupSize(), Job::joins);
    }

    /**
     * Refuses a decider whose events the store cannot encode: here, rather than as a 500 at the
     * first command that decides such an event (a decider's tests never encode, so they pass).
     */
    private static void requireRegistered(EventStore store, Decider<?, ?, ?> decider, Class<?> eventType) {
        if (eventType == Event.class) {
            return; // events with their type names given
        }
        List<String> missing = EventTypes.concrete(eventType).stream()
                .filter(type -> store.options().types().nameOf(type).isEmpty())
                .map(Class::getName).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(decider.getClass().getName() + " decides " + eventType.getName()
                    + ", but the TypeRegistry of store '" + store.name() + "' has no event type for " + missing
                    + ": annotate each with @EventType(\"...\") in a package that TypeRegistry.scan covers, or add"
                    + " it with TypeRegistry.builder().add(name, type), and give the registry to the store"
                    + " (RitaOptions.withTypes)");
        }
    }

    /**
     * An engine for {@code decider}'s aggregates on {@code store}.
     *
     * @throws IllegalArgumentException when {@link EngineOptions#snapshots()} are on but the decider does not
     *                                  declare its state type and the options do not name it, or the
     *                                  store's registry has no event type for a class that the
     *                                  decider's (sealed) event type permits
     */
    public static <C, E, S> AggregateEngine<C, E, S> of(EventStore store, Decider<C, E, S> decider,
                                                        EngineOptions options) {
        return new AggregateEngine<>(store, decider, options);
    }

    /** An engine with {@link EngineOptions#defaults()}. */
    public static <C, E, S> AggregateEngine<C, E, S> of(EventStore store, Decider<C, E, S> decider) {
        return new AggregateEngine<>(store, decider, EngineOptions.defaults());
    }

    /** Handles a command with a generated command id and no expectation. */
    public Outcome<E, S> handle(String subject, C command) {
        return handle(subject, command, CommandOptions.defaults());
    }

    /**
     * Handles one command on the aggregate at {@code subject}.
     *
     * @throws IllegalArgumentException when {@code subject} is not a concrete subject
     * @throws io.rita.eventstore.PayloadTooLargeException when the command's events are too large to store
     * @throws io.rita.eventstore.DuplicateEventIdException when the command id was used on another aggregate
     * @throws io.rita.eventstore.EventStoreException when the store fails; the command may or may not be
     *                                                stored: send it again with the same command id
     * @throws RuntimeException what {@code decide} or {@code evolve} threw other than a
     *                          {@link io.rita.decider.Rejection} (nothing of this command is stored)
     */
    public Outcome<E, S> handle(String subject, C command, CommandOptions options) {
        Subjects.requireConcrete("a command", subject);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        String commandId = options.commandId() != null ? options.commandId() : store.options().newId();
        Job.Command<C, E, S> job = new Job.Command<>(command, commandId, options);
        try {
            lines.submit(subject, job, this::doGroup);
        } catch (RuntimeException e) {
            job.failure = e;
        }
        CommandReport.Result result = job.failure != null ? CommandReport.Result.FAILED
                : CommandReport.Result.of(job.outcome);
        report(new CommandReport(subject, job.origin, result, job.attempts, Math.max(1, job.groupSize), job.cached,
                Duration.ofNanos(System.nanoTime() - started)));
        if (job.failure != null) {
            throw job.failure;
        }
        return job.outcome;
    }

    /** Hands a report to the observer; an observer that throws is logged, never the command's failure. */
    private void report(CommandReport report) {
        try {
            options.observer().accept(report);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the engine's observer failed on a report of " + report.subject(), e);
        }
    }

    /**
     * The current state of the aggregate at {@code subject}, or of every aggregate matching a
     * filter folded together ({@code orders.*}); from the cache, topped up with what the store
     * has since, in the aggregate's line, so that a read never sees less than a command answered
     * before it.
     *
     * @throws IllegalArgumentException when {@code subject} is not a subject or filter
     * @throws io.rita.eventstore.EventStoreException when the store fails
     */
    public Folded<S> read(String subject) {
        Subjects.requireFilter("read", subject);
        Job.Read<C, E, S> job = new Job.Read<>();
        lines.submit(subject, job, this::doGroup);
        return job.folded;
    }

    /**
     * The state of the aggregate at {@code subject} (or a filter's aggregates folded together) as
     * {@link #read(String)} gives it, but never from before {@code minSequence}: the state includes
     * every event stored up to that sequence. A client passes the sequence its last write got
     * (read-your-writes), so that a read served by another process, from a copy of the store that
     * has not applied that write yet, does not answer from the state before it.
     *
     * <p>When the read is behind, the engine reads again until it has caught up, for up to
     * {@link EngineOptions#catchUpTimeout()}. A subject whose last event is older than
     * {@code minSequence} (the write went to another subject) is current once the store as a whole
     * has reached {@code minSequence}, which the engine asks the store ({@link EventStore#lastSequence()}).
     *
     * <pre>{@code
     * long written = ((Outcome.Accepted<AccountEvent, AccountState>) outcome).sequence();
     * Folded<AccountState> after = accounts.read("kmm.events.accounts.susie", written);
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code subject} is not a subject or filter, or {@code minSequence < 0}
     * @throws StoreUnavailableException when the store has not reached {@code minSequence} within the timeout:
     *                                  trying again shortly helps
     * @throws io.rita.eventstore.EventStoreException when the store fails
     */
    public Folded<S> read(String subject, long minSequence) {
        if (minSequence < 0) {
            throw new IllegalArgumentException("minSequence must be >= 0, was " + minSequence);
        }
        Folded<S> folded = read(subject);
        long deadline = catchUp.deadline();
        for (int round = 1; folded.sequence() < minSequence; round++) {
            // the subject may just have nothing at or after minSequence: the store's last sequence, asked
            // before the subject is read again, tells that apart from a copy that is behind
            long position = store.lastSequence();
            folded = read(subject);
            if (position >= minSequence) {
                return folded;
            }
            if (folded.sequence() < minSequence && !catchUp.pause(round, deadline)) {
                throw new StoreUnavailableException(subject, "the store has not caught up with sequence " + minSequence
                        + " for " + subject + " within " + catchUp.timeout().toMillis() + " ms (it answered up to sequence "
                        + folded.sequence() + " for the subject and " + position + " for the store): a replica or a newly"
                        + " elected stream leader is still catching up", null);
            }
        }
        return folded;
    }

    /** Drops the aggregate from the cache, so that its next use loads it in full. */
    public void forget(String subject) {
        cache.remove(subject);
    }

    /** Drops every cached aggregate. Correct at any time; for tests and operations. */
    public void forgetAll() {
        cache.clear();
    }

    /**
     * Takes a snapshot of every cached aggregate with events since its last one, and waits until
     * every snapshot handed to the background writer is stored: for a graceful shutdown, so that
     * the next process loads these aggregates from a snapshot of their last event and reads no
     * event after it ({@link io.rita.service.ServiceRunner#close()} calls it). Does nothing when
     * snapshots are off or {@link Snapshots#withoutEvictionSnapshots() without eviction snapshots}.
     * The engine goes on working and keeps its cache; commands handled meanwhile are snapshotted
     * when due, as always.
     *
     * @param timeout how long to wait for the snapshots to be stored
     * @return whether they were stored (or failed to be, which the writer logs) within {@code timeout};
     *         {@code false} also when interrupted, with the thread's interrupt flag set
     */
    public boolean snapshotCached(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Map.Entry<String, Entry<E, S>> cached : cache.copy()) {
                if (!snapshots.awaitRoom(deadline)) {
                    return false;
                }
                if (snapshots.leaving(cached.getKey(), cached.getValue())) {
                    cache.replace(cached.getKey(), cached.getValue(), cached.getValue().withSinceSnapshot(0));
                }
            }
            return snapshots.awaitWritten(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many commands and reads wait for the aggregate at {@code subject} (for tests). */
    int waiting(String subject) {
        return lines.waiting(subject);
    }

    /** Waits until the snapshots handed to the background writer are stored (for tests). */
    boolean awaitSnapshots(Duration timeout) throws InterruptedException {
        return snapshots.awaitWritten(timeout);
    }

    /** The decider. */
    public Decider<C, E, S> decider() {
        return decider;
    }

    /** Runs in the leader's thread of a subject's line: the group is all commands or all reads. */
    private void doGroup(String subject, List<Ticket<Job<C, E, S>>> tickets) {
        if (tickets.getFirst().work instanceof Job.Read) {
            readGroup(subject, tickets);
        } else {
            List<Job.Command<C, E, S>> commands = new ArrayList<>(tickets.size());
            for (Ticket<Job<C, E, S>> ticket : tickets) {
                if (ticket.work instanceof Job.Command<C, E, S> command) {
                    commands.add(command);
                }
            }
            commit.run(subject, commands);
        }
        for (Ticket<Job<C, E, S>> ticket : tickets) {
            ticket.complete();
        }
    }

    private void readGroup(String subject, List<Ticket<Job<C, E, S>>> tickets) {
        Entry<E, S> entry = cache.get(subject);
        try {
            entry = entry == null ? loader.load(subject) : loader.topUp(subject, entry);
        } catch (RuntimeException e) {
            cache.remove(subject);
            throw e;
        }
        cache.put(subject, loader.keep(subject, entry));
        Folded<S> folded = new Folded<>(entry.state(), entry.sequence());
        for (Ticket<Job<C, E, S>> ticket : tickets) {
            if (ticket.work instanceof Job.Read<C, E, S> read) {
                read.folded = folded;
            }
        }
    }
}
