package io.rita.test.memory;

import io.rita.eventstore.AppendResult;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.DuplicateEventIdException;
import io.rita.eventstore.EncodedEvent;
import io.rita.eventstore.Expected;
import io.rita.eventstore.Subjects;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage behind one in-memory store (shared by its views with other options): appends
 * in sequence order, indexed by subject and by message id. Every method is synchronized, which
 * makes each append atomic and its expectation check exact, like a single nats-server.
 *
 * <p>Message ids are remembered for the duplicate window, measured on the store's clock, as
 * JetStream does; after it, a retry is still recognised when it carries an expectation and its
 * message is still the subject's last (what the JetStream store checks on a conflict).
 */
final class Log {

    /** When a message id was stored, and where. */
    private record Remembered(long sequence, Instant at) {
    }

    private final Duration duplicateWindow;
    private final Clock clock;
    private final List<Appended> all = new ArrayList<>();
    private final Map<String, List<Appended>> bySubject = new HashMap<>();
    // JetStream de-duplicates by Nats-Msg-Id, which for a batch is its first event's id
    private final Map<String, Remembered> byMessageId = new HashMap<>();
    private long lastSequence;
    private Runnable beforeNextAppend;

    Log(Duration duplicateWindow, Clock clock) {
        this.duplicateWindow = duplicateWindow;
        this.clock = clock;
    }

    /**
     * Stores an append, or answers a retry with the sequence it got the first time.
     *
     * @throws ConcurrencyConflictException when {@code expected} is a sequence the subject does not have
     * @throws DuplicateEventIdException    when the first event's id is stored on another subject
     */
    synchronized AppendResult append(String subject, List<EncodedEvent> events, Expected expected) {
        String messageId = events.get(0).id();
        Instant now = clock.instant();
        Remembered original = byMessageId.get(messageId);
        if (original != null && original.at().plus(duplicateWindow).isAfter(now)) {
            String storedOn = all.get((int) (original.sequence() - 1)).subject();
            if (!storedOn.equals(subject)) {
                throw new DuplicateEventIdException(subject, messageId, storedOn, original.sequence());
            }
            return new AppendResult(original.sequence(), true);
        }
        if (expected instanceof Expected.Sequence sequence) {
            List<Appended> appends = bySubject.getOrDefault(subject, List.of());
            Appended last = appends.isEmpty() ? null : appends.getLast();
            long actual = last == null ? 0 : last.sequence();
            if (actual != sequence.value()) {
                if (last != null && last.events().get(0).id().equals(messageId)) {
                    return new AppendResult(actual, true); // our own earlier append, retried late
                }
                throw new ConcurrencyConflictException(subject, sequence.value(), actual);
            }
        }
        Appended appended = new Appended(++lastSequence, subject, List.copyOf(events));
        all.add(appended);
        bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(appended);
        byMessageId.put(messageId, new Remembered(appended.sequence(), now));
        return new AppendResult(appended.sequence(), false);
    }

    /** Forgets everything, as a deleted and recreated stream does: sequences start again at 1. */
    synchronized void clear() {
        all.clear();
        bySubject.clear();
        byMessageId.clear();
        lastSequence = 0;
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
    synchronized Read read(String filter, long afterSequence) {
        List<Appended> candidates = Subjects.isConcrete(filter) ? bySubject.getOrDefault(filter, List.of()) : all;
        List<Appended> found = new ArrayList<>();
        long last = 0;
        for (Appended appended : candidates) {
            if (Subjects.matches(filter, appended.subject())) {
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
}
