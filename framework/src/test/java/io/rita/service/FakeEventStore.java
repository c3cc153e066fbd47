package io.rita.service;

import io.rita.eventstore.AppendOptions;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Expected;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.Subjects;
import io.rita.service.internal.SubjectPattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small in-memory store for the dispatcher's pure logic: one global sequence, expected
 * sequence per subject, de-duplication by event id (a retry on the same subject returns the
 * original sequence, an id stored on another subject is refused), ids and meta values checked
 * as the real stores check them, wildcard loads. It counts loads and can run
 * a hook just before an append (to play another writer). Real-store behaviour is tested against
 * nats-server in framework-test.
 */
final class FakeEventStore implements EventStore {

    private record Stored(long sequence, Event event) {
    }

    private final List<Stored> log = new ArrayList<>();
    private final Map<String, Stored> byId = new HashMap<>();
    final AtomicInteger fullLoads = new AtomicInteger();
    final AtomicInteger topUps = new AtomicInteger();
    final AtomicInteger loadedEvents = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    volatile Consumer<String> beforeAppend = subject -> { };

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public long append(String subject, List<Event> events, AppendOptions options) {
        Subjects.requireConcrete(subject);
        events.forEach(FakeEventStore::check);
        beforeAppend.accept(subject);
        return store(subject, events, options);
    }

    private synchronized long store(String subject, List<Event> events, AppendOptions options) {
        {
            Stored duplicate = byId.get(events.getFirst().id());
            if (duplicate != null) {
                if (!duplicate.event().subject().equals(subject)) {
                    throw new DuplicateEventIdException(subject, duplicate.event().id(), duplicate.event().subject(),
                            duplicate.sequence());
                }
                return duplicate.sequence();
            }
            long last = lastOf(subject);
            if (options.expected() instanceof Expected.Sequence(long expected) && expected != last) {
                conflicts.incrementAndGet();
                throw new ConcurrencyConflictException(subject, expected, last);
            }
            long sequence = log.size() + 1;
            for (Event event : events) {
                Stored stored = new Stored(sequence, event.at(subject, sequence));
                log.add(stored);
                if (event.id() != null) {
                    byId.put(event.id(), stored);
                }
            }
            // one sequence per append, as the JetStream store does
            return sequence;
        }
    }

    @Override
    public synchronized LoadResult load(String subject, long afterSequence) {
        (afterSequence == 0 ? fullLoads : topUps).incrementAndGet();
        SubjectPattern pattern = new SubjectPattern(subject);
        List<Event> events = new ArrayList<>();
        long last = 0;
        for (Stored stored : log) {
            if (pattern.matches(stored.event().subject())) {
                last = stored.sequence();
                if (stored.sequence() > afterSequence) {
                    events.add(stored.event());
                }
            }
        }
        loadedEvents.addAndGet(events.size());
        return new LoadResult(events, last);
    }

    /** Forgets every event, as a purged stream would. */
    synchronized void purge() {
        log.clear();
        byId.clear();
    }

    /**
     * Forgets the ids of the stored events, as JetStream does once its duplicate window has
     * passed: a re-sent command is then recognised by the dispatcher or stored twice.
     */
    synchronized void forgetIds() {
        byId.clear();
    }

    /** Every stored event, in order. */
    synchronized List<Event> all() {
        return log.stream().map(Stored::event).toList();
    }

    /** Appends as another writer would, without expectation. */
    void appendBehindTheBack(String subject, Object data) {
        store(subject, List.of(Event.of(data).withId("other-" + log.size())), AppendOptions.defaults());
    }

    /** Refuses what the real stores refuse: ids and meta values that would not survive as NATS headers. */
    private static void check(Event event) {
        if (event.id() != null && (event.id().isEmpty() || event.id().chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("event id must be printable ASCII without spaces, was '" + event.id() + "'");
        }
        event.meta().forEach((key, value) -> {
            if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7e) || !value.equals(value.strip())) {
                throw new IllegalArgumentException("meta value for '" + key + "' must be printable ASCII without "
                        + "leading or trailing spaces, was '" + value + "'");
            }
        });
    }

    private long lastOf(String subject) {
        long last = 0;
        for (Stored stored : log) {
            if (stored.event().subject().equals(subject)) {
                last = stored.sequence();
            }
        }
        return last;
    }
}
