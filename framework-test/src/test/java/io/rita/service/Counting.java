package io.rita.service;

import io.rita.eventstore.AppendOptions;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store to count what the dispatcher asks of it. */
class Counting implements EventStore {

    final EventStore store;
    final AtomicInteger fullLoads = new AtomicInteger();
    final AtomicInteger topUps = new AtomicInteger();
    final AtomicInteger loadedEvents = new AtomicInteger();
    final AtomicInteger appends = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();

    Counting(EventStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public long append(String subject, List<Event> events, AppendOptions options) {
        appends.incrementAndGet();
        try {
            return store.append(subject, events, options);
        } catch (ConcurrencyConflictException e) {
            conflicts.incrementAndGet();
            throw e;
        }
    }

    @Override
    public LoadResult load(String subject, long afterSequence) {
        (afterSequence == 0 ? fullLoads : topUps).incrementAndGet();
        LoadResult loaded = store.load(subject, afterSequence);
        loadedEvents.addAndGet(loaded.events().size());
        return loaded;
    }
}
