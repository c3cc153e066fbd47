package io.rita.service;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wraps a store to count what the engine asks of it (full loads, top-ups, appends, conflicts),
 * and to run a hook just before an append, to play another writer.
 */
public class Counting implements EventStore {

    public final EventStore store;
    public final AtomicInteger fullLoads = new AtomicInteger();
    public final AtomicInteger topUps = new AtomicInteger();
    public final AtomicInteger loadedEvents = new AtomicInteger();
    public final AtomicInteger appends = new AtomicInteger();
    public final AtomicInteger conflicts = new AtomicInteger();
    /** Runs with the subject before each append reaches the store. */
    public volatile Consumer<String> beforeAppend = subject -> { };
    /** Runs with the subject after each append the store took, before its answer goes back (it may throw, as a lost answer). */
    public volatile Consumer<String> afterAppend = subject -> { };

    public Counting(EventStore store) {
        this.store = store;
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
        appends.incrementAndGet();
        beforeAppend.accept(subject);
        try {
            AppendResult stored = store.append(subject, events, expected);
            afterAppend.accept(subject);
            return stored;
        } catch (ConcurrencyConflictException e) {
            conflicts.incrementAndGet();
            throw e;
        }
    }

    @Override
    public LoadResult load(String subject, long afterSequence, UnknownTypes unknown) {
        (afterSequence == 0 ? fullLoads : topUps).incrementAndGet();
        LoadResult loaded = store.load(subject, afterSequence, unknown);
        loadedEvents.addAndGet(loaded.events().size());
        return loaded;
    }

    @Override
    public long lastSequence() {
        return store.lastSequence();
    }

    /** Forgets every event, as a recreated stream does (the wrapped store must be in memory). */
    public void clear() {
        ((io.rita.test.memory.InMemoryEventStore) store).clear();
    }

    /** Every stored event, in order (read past the counters). */
    public List<StoredEvent> all() {
        return store.load(">").events();
    }

    /** Round trips to the store so far: loads (full and top-ups) and appends. */
    public int roundTrips() {
        return fullLoads.get() + topUps.get() + appends.get();
    }

    /** Appends as another writer would, past the hook and the counters, without expectation. */
    public long appendBehindTheBack(String subject, Object data) {
        return store.append(subject, List.of(Event.of(data))).sequence();
    }
}
