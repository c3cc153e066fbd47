package io.rita.eventstore;

import io.rita.decider.Decider;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Appends events to subjects and loads them back, in order, with optimistic concurrency.
 *
 * <pre>{@code
 * LoadResult loaded = store.load("orders.1");
 * long seq = store.append("orders.1", List.of(Event.of(new OrderShipped())),
 *                         AppendOptions.expect(loaded.sequence()));
 * }</pre>
 *
 * <p>A subject names one aggregate. Appends go to concrete subjects only (no {@code *},
 * {@code >}, empty token or whitespace); loads may use wildcards. Implementations:
 * {@link JetStreamEventStore} (NATS JetStream) and, for tests, the in-memory store of
 * {@code framework-test}; both pass one conformance suite.
 */
public interface EventStore {

    /** The store's name (for JetStream, the stream's name). */
    String name();

    /**
     * Appends events to a subject, all or nothing.
     *
     * <p>Ids and times that are {@code null} are filled in. An append is recognised as a retry by
     * the id of its first event: re-appending it to the same subject stores nothing and returns
     * the original sequence (JetStream remembers ids for the stream's duplicate window, two
     * minutes by default, and after it for an append with an expected sequence whose retried
     * message is still the subject's last). So
     * <b>give events ids when an append may be retried</b>: an append whose outcome is unknown
     * (a timeout, a lost connection) is safe to repeat only with the same ids. Using an id that
     * is already stored on another subject fails with {@link DuplicateEventIdException}.
     *
     * @return the stream sequence of the last event appended
     * @throws IllegalArgumentException       when the subject is not concrete or {@code events} is empty
     * @throws ConcurrencyConflictException   when the expectation in {@code options} fails
     * @throws PayloadTooLargeException       when the encoded events exceed the server's max payload or
     *                                        the stream's max message size
     * @throws DuplicateEventIdException      when the first event's id is already stored on another subject
     * @throws EventStoreException            when the store cannot be reached or refuses the append
     */
    long append(String subject, List<Event> events, AppendOptions options);

    /**
     * Starts an append and returns at once; the future completes with the sequence of the last
     * event appended, or exceptionally with one of the exceptions of {@link #append} (wrapped in a
     * {@link java.util.concurrent.CompletionException} by {@code join()}). Lets a writer pipeline
     * many appends (to different subjects) instead of waiting for each acknowledgement.
     */
    default CompletableFuture<Long> appendAsync(String subject, List<Event> events, AppendOptions options) {
        try {
            return CompletableFuture.completedFuture(append(subject, events, options));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Appends without a concurrency expectation. */
    default long append(String subject, List<Event> events) {
        return append(subject, events, AppendOptions.defaults());
    }

    /**
     * Loads the events stored after {@code afterSequence} on a subject (wildcards allowed).
     *
     * @return the events in order, and the subject's last sequence at the time of the load
     * @throws UnknownEventTypeException when an event's type is not in the registry
     * @throws EventDecodingException    when an event's data does not decode into its registered type
     * @throws EventStoreException       when the store cannot be reached
     */
    LoadResult load(String subject, long afterSequence);

    /** Loads every event of a subject (wildcards allowed). */
    default LoadResult load(String subject) {
        return load(subject, 0);
    }

    /** Loads a subject and folds its events into a state with {@code evolve}. */
    default <S> Folded<S> fold(String subject, S initial, BiFunction<S, Event, S> evolve) {
        LoadResult loaded = load(subject);
        S state = initial;
        for (Event event : loaded.events()) {
            state = evolve.apply(state, event);
        }
        return new Folded<>(state, loaded.sequence());
    }

    /**
     * Loads a subject and folds the events' data with a decider's {@code evolve}.
     *
     * @throws ClassCastException when stored data is not of the decider's event type
     */
    @SuppressWarnings("unchecked")
    default <E, S> Folded<S> fold(String subject, Decider<?, E, S> decider) {
        return fold(subject, decider.initialState(), (state, event) -> decider.evolve(state, (E) event.data()));
    }
}
