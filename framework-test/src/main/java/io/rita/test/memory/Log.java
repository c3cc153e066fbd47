package io.rita.test.memory;

import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.Expected;
import io.rita.internal.WireEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage behind one in-memory store (shared by its views with other options): appends
 * in sequence order, indexed by subject and by message id. Every method is synchronized, which
 * makes each append atomic and its expectation check exact, like a single nats-server.
 */
final class Log {

    private final List<Appended> all = new ArrayList<>();
    private final Map<String, List<Appended>> bySubject = new HashMap<>();
    // JetStream de-duplicates by Nats-Msg-Id, which for a batch is its first event's id
    private final Map<String, Long> sequenceByMessageId = new HashMap<>();
    private long lastSequence;
    private Runnable beforeNextAppend;

    /**
     * Stores an append, or answers a retry with the sequence it got the first time.
     *
     * @throws ConcurrencyConflictException when {@code expected} is a sequence the subject does not have
     * @throws DuplicateEventIdException    when the first event's id is stored on another subject
     */
    synchronized long append(String subject, List<WireEvent> events, Expected expected) {
        Long original = sequenceByMessageId.get(events.get(0).id());
        if (original != null) {
            String storedOn = all.get((int) (original - 1)).subject();
            if (!storedOn.equals(subject)) {
                throw new DuplicateEventIdException(subject, events.get(0).id(), storedOn, original);
            }
            return original;
        }
        if (expected instanceof Expected.Sequence sequence) {
            long actual = lastSequenceOf(subject);
            if (actual != sequence.value()) {
                throw new ConcurrencyConflictException(subject, sequence.value(), actual);
            }
        }
        Appended appended = new Appended(++lastSequence, subject, List.copyOf(events));
        all.add(appended);
        bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(appended);
        sequenceByMessageId.put(events.get(0).id(), appended.sequence());
        return appended.sequence();
    }

    /**
     * What a load sees, taken at one instant.
     *
     * @param appends      the appends after the requested sequence, oldest first
     * @param lastSequence the last sequence of the matching subjects, {@code 0} when none
     */
    record Read(List<Appended> appends, long lastSequence) {
    }

    /** The appends on subjects matching {@code filter} after {@code afterSequence}, and their last sequence. */
    synchronized Read read(SubjectFilter filter, long afterSequence) {
        List<Appended> candidates = filter.isConcrete()
                ? bySubject.getOrDefault(String.join(".", filter.tokens()), List.of())
                : all;
        List<Appended> found = new ArrayList<>();
        long last = 0;
        for (Appended appended : candidates) {
            if (filter.matches(appended.subject())) {
                last = appended.sequence();
                if (appended.sequence() > afterSequence) {
                    found.add(appended);
                }
            }
        }
        return new Read(found, last);
    }

    /** The last sequence of the whole store, {@code 0} when empty. */
    synchronized long lastSequence() {
        return lastSequence;
    }

    synchronized void beforeNextAppend(Runnable action) {
        beforeNextAppend = action;
    }

    /** The action to run before the next append, removed so that it runs once (its own appends don't trigger it). */
    synchronized Runnable takeBeforeNextAppend() {
        Runnable action = beforeNextAppend;
        beforeNextAppend = null;
        return action;
    }

    private long lastSequenceOf(String subject) {
        List<Appended> appends = bySubject.get(subject);
        return appends == null ? 0 : appends.get(appends.size() - 1).sequence();
    }
}
