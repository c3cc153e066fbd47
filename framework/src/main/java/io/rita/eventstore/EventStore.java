package io.rita.eventstore;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends events to subjects and loads them back, in order, with optimistic concurrency.
 *
 * <pre>{@code
 * LoadResult loaded = store.load("orders.1");
 * long next = store.append("orders.1", List.of(Event.of(new OrderShipped())),
 *                          Expected.sequence(loaded.sequence())).sequence();
 * }</pre>
 *
 * <p>A subject names one aggregate. Appends go to concrete subjects only (no {@code *},
 * {@code >}, empty token or whitespace); loads may use wildcards. Implementations:
 * {@link JetStreamEventStore} (NATS JetStream) and, for tests, the in-memory store of
 * {@code framework-test}; both pass one conformance suite and share {@link EventEncoding}.
 */
public interface EventStore {

    /** The store's name (for JetStream, the stream's name). */
    String name();

    /** The registry, clock and id source this store encodes, stamps and names events with. */
    RitaOptions options();

    /**
     * Appends events to a subject, all or nothing.
     *
     * <p>Ids, times and type names that are {@code null} are filled in. An append is recognised
     * as a retry by the id of its first event: re-appending it to the same subject stores nothing
     * and returns the original sequence with {@link AppendResult#duplicate()} set (JetStream
     * remembers ids for the stream's duplicate window, two minutes by default, and after it for an
     * append with an expected sequence whose retried message is still the subject's last). So
     * <b>give events ids when an append may be retried</b>: an append whose outcome is unknown
     * (a timeout, a lost connection) is safe to repeat only with the same ids. Using an id that
     * is already stored on another subject fails with {@link DuplicateEventIdException}.
     *
     * @return the stream sequence of the events, and whether the append was a recognised retry
     * @throws IllegalArgumentException       when the subject is not concrete, {@code events} is empty, or an
     *                                        event's id, type, time or metadata cannot be stored
     * @throws ConcurrencyConflictException   when {@code expected} does not hold
     * @throws PayloadTooLargeException       when the encoded events exceed the server's max payload or
     *                                        the stream's max message size
     * @throws DuplicateEventIdException      when the first event's id is already stored on another subject
     * @throws IllegalStateException         when an event without an id needs one and the id generator of
     *                                        {@link RitaOptions#ids()} gives an invalid one (nothing is stored)
     * @throws EventStoreException            when the store cannot be reached or refuses the append
     */
    AppendResult append(String subject, List<Event> events, Expected expected);

    /** Appends without a concurrency expectation. */
    default AppendResult append(String subject, List<Event> events) {
        return append(subject, events, Expected.any());
    }

    /**
     * Starts an append and returns at once; the future completes with what {@link #append} returns,
     * or exceptionally with one of its exceptions (wrapped in a
     * {@link java.util.concurrent.CompletionException} by {@code join()}). Lets a writer pipeline
     * many appends (to different subjects) instead of waiting for each acknowledgement.
     */
    default CompletableFuture<AppendResult> appendAsync(String subject, List<Event> events, Expected expected) {
        try {
            return CompletableFuture.completedFuture(append(subject, events, expected));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Loads the events stored after {@code afterSequence} on a subject (wildcards allowed). Events
     * stored at an older version of their type are upcast, and events stored under an old name of
     * their type come back under the current one (see {@link io.rita.types.TypeRegistry}).
     *
     * @param unknown what to do with an event whose type the registry does not know: fail
     *                ({@link UnknownTypes#FAIL}, what the shorter forms do), or return it with an
     *                {@link io.rita.types.Encoded} (its stored bytes) as its data ({@link UnknownTypes#KEEP})
     * @return the events in order, and the subject's last sequence at the time of the load
     * @throws IllegalArgumentException  when the subject is not a subject or filter, or {@code afterSequence < 0}
     * @throws EventDecodingException    when an event's type is not in the registry and {@code unknown} is FAIL
     *                                   ({@link EventDecodingException#unknownType()}), or its data does not decode
     *                                   (or upcast) into its registered type
     * @throws EventStoreException       when the store cannot be reached
     */
    LoadResult load(String subject, long afterSequence, UnknownTypes unknown);

    /**
     * As {@link #load(String, long, UnknownTypes)}, for a caller that learns {@code afterSequence}
     * while the load is under way: the aggregate engine reads a cold aggregate's snapshot (from
     * another stream) at the same time as its events, and completes {@code afterSequence} with the
     * sequence before the event the snapshot covers, or with {@code 0} when there is no snapshot.
     * A store may meanwhile send what does not depend on it, the request for the subject's last
     * sequence and a read from its start, and may expect the event right after
     * {@code afterSequence} to be the subject's. The default waits, then loads.
     *
     * @param subject       a concrete subject
     * @param afterSequence completes with the sequence to load after ({@code >= 0})
     * @throws EventStoreException when {@code afterSequence} fails (with its cause), when the wait for
     *                             it is interrupted, or as {@link #load(String, long, UnknownTypes)}
     */
    default LoadResult load(String subject, CompletableFuture<Long> afterSequence, UnknownTypes unknown) {
        return load(subject, StoreErrors.awaitSequence(subject, afterSequence), unknown);
    }

    /**
     * Loads the events stored after {@code afterSequence} on a subject (wildcards allowed); an event
     * of a type the registry does not know fails the load.
     *
     * <p>For implementers and wrappers: the engine calls {@link #load(String, long, UnknownTypes)};
     * override that one. A wrapper that overrides only this shorter form is bypassed.
     *
     * @return the events in order, and the subject's last sequence at the time of the load
     * @throws IllegalArgumentException  when the subject is not a subject or filter, or {@code afterSequence < 0}
     * @throws EventDecodingException    when an event's type is not in the registry
     *                                   ({@link EventDecodingException#unknownType()}), or its data does not decode
     *                                   (or upcast) into its registered type
     * @throws EventStoreException       when the store cannot be reached
     */
    default LoadResult load(String subject, long afterSequence) {
        return load(subject, afterSequence, UnknownTypes.FAIL);
    }

    /**
     * The sequence of the last append to the store, on any subject ({@code 0} when it is empty):
     * how far the store has come. A read that starts after this call returns includes every append
     * up to it; with it a reader tells "this subject has nothing newer" from "the copy I read is
     * behind" (see {@link io.rita.aggregate.AggregateEngine#read(String, long)}). On a replicated
     * JetStream stream the stream's leader answers.
     *
     * @throws EventStoreException when the store cannot be reached
     */
    long lastSequence();

    /** Loads every event of a subject (wildcards allowed). */
    default LoadResult load(String subject) {
        return load(subject, 0, UnknownTypes.FAIL);
    }
}
