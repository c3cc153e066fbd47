package io.rita.test;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.UnknownTypes;
import io.rita.test.memory.InMemoryEventStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The store a handler scenario's dispatcher sees: the scenario's in-memory store, plus another
 * writer that appends its events to a subject just before the handler's first append to that
 * subject, and notes whether the handler's append then met a conflict. Not thread-safe: a
 * scenario dispatches one request on one thread.
 */
final class ConcurrentWriter implements EventStore {

    private final InMemoryEventStore store;
    private final Map<String, List<HandlerScenario.Appended>> pending;
    private final Function<HandlerScenario.Appended, List<Long>> write;
    private final Set<String> raced = new LinkedHashSet<>();
    private final Set<String> conflicted = new HashSet<>();
    private final Set<Long> sequences = new HashSet<>();

    /**
     * @param store      the scenario's store
     * @param concurrent the other writer's appends, in order
     * @param write      stores one of them and returns the sequences it got
     */
    ConcurrentWriter(InMemoryEventStore store, List<HandlerScenario.Appended> concurrent,
                     Function<HandlerScenario.Appended, List<Long>> write) {
        this.store = store;
        this.write = write;
        this.pending = new LinkedHashMap<>();
        for (HandlerScenario.Appended appended : concurrent) {
            pending.computeIfAbsent(appended.subject(), s -> new ArrayList<>()).add(appended);
        }
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public RitaOptions options() {
        return store.options();
    }

    @Override
    public AppendResult append(String subject, List<Event> events, Expected expected) {
        List<HandlerScenario.Appended> before = pending.remove(subject);
        if (before == null) {
            return store.append(subject, events, expected);
        }
        before.forEach(appended -> sequences.addAll(write.apply(appended)));
        raced.add(subject);
        try {
            return store.append(subject, events, expected);
        } catch (ConcurrencyConflictException conflict) {
            conflicted.add(subject);
            throw conflict;
        }
    }

    @Override
    public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        return store.load(subject, afterSequence, unknown);
    }

    @Override
    public long lastSequence() {
        return store.lastSequence();
    }

    /** The subjects whose concurrent appends never ran: the handler appended nothing there. */
    Set<String> neverRaced() {
        return pending.keySet();
    }

    /** The subjects whose concurrent appends ran, but the handler's append after them met no conflict. */
    List<String> racedWithoutConflict() {
        return raced.stream().filter(subject -> !conflicted.contains(subject)).toList();
    }

    /** Whether {@code sequence} is one of the other writer's appends. */
    boolean wrote(long sequence) {
        return sequences.contains(sequence);
    }
}
