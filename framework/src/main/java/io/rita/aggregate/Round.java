package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of a group: its commands decided one after another on the evolving state of an
 * aggregate at one sequence, and the events of all of them, to be stored in one append. What
 * each command gets is settled only once the round is known to have been decided on the
 * current state: by the append's expectation holding, or, when nothing is to be stored, by the
 * store confirming that nothing new arrived.
 */
final class Round<C, E, S> {

    /** What one command came to in this round. */
    private sealed interface Decision<E, S> {
        record Stored<E, S>(List<E> events, S state) implements Decision<E, S> {
        }

        /** No events; {@code afterEvents}: an earlier command of the round stored some. */
        record Unchanged<E, S>(S state, boolean afterEvents) implements Decision<E, S> {
        }

        record Refused<E, S>(String message) implements Decision<E, S> {
        }

        record Unexpected<E, S>(long expected) implements Decision<E, S> {
        }

        /** Stored before at {@code sequence} ({@code -1}: by an earlier command of this round). */
        record Again<E, S>(List<E> events, S state, long sequence) implements Decision<E, S> {
        }

        record Failed<E, S>(RuntimeException error) implements Decision<E, S> {
        }
    }

    private final String subject;
    private final Entry<E, S> entry;
    private final List<Job.Command<C, E, S>> jobs;
    private final List<Decision<E, S>> decisions = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private S state;

    /**
     * Decides {@code jobs} in order on {@code entry}.
     *
     * @param acked commands whose append was acknowledged as a duplicate of an earlier one, with its
     *              sequence and what they decided then: they count as stored there, even when the recent
     *              commands do not know them (none are kept) and deciding again would come out otherwise
     */
    Round(String subject, Entry<E, S> entry, List<Job.Command<C, E, S>> jobs, Decider<? super C, E, S> decider,
          Map<String, RecentCommands.Recorded<E>> acked) {
        this.subject = subject;
        this.entry = entry;
        this.jobs = jobs;
        this.state = entry.state();
        Map<String, List<E>> storedInRound = new HashMap<>();
        for (Job.Command<C, E, S> job : jobs) {
            job.attempts++;
            job.groupSize = jobs.size();
            decisions.add(decide(job, decider, acked, storedInRound));
        }
    }

    private Decision<E, S> decide(Job.Command<C, E, S> job, Decider<? super C, E, S> decider,
                                  Map<String, RecentCommands.Recorded<E>> acked, Map<String, List<E>> storedInRound) {
        RecentCommands.Recorded<E> earlier = entry.recent().find(job.commandId);
        if (earlier == null) {
            earlier = acked.get(job.commandId);
        }
        if (earlier != null) {
            return new Decision.Again<>(earlier.events(), state, earlier.sequence());
        }
        List<E> sameRound = storedInRound.get(job.commandId);
        if (sameRound != null) {
            return new Decision.Again<>(sameRound, state, -1);
        }
        if (job.expected instanceof io.rita.eventstore.Expected.Sequence expected
                && expected.value() != entry.sequence()) {
            return new Decision.Unexpected<>(expected.value());
        }
        if (decider.isTerminal(state)) {
            return new Decision.Refused<>("aggregate " + subject + " has ended and accepts no more commands");
        }
        List<E> decided;
        S next;
        try {
            decided = decider.decide(state, job.command);
            if (decided == null) {
                throw new IllegalStateException(decider.getClass().getName() + ".decide returned null, not a list;"
                        + " return List.of() when nothing changes");
            }
            next = state;
            for (E event : decided) {
                next = decider.evolve(next, event);
            }
        } catch (Rejection rejection) {
            return new Decision.Refused<>(rejection.getMessage());
        } catch (RuntimeException e) {
            return new Decision.Failed<>(e);
        }
        if (decided.isEmpty()) {
            return new Decision.Unchanged<>(state, !events.isEmpty());
        }
        events.addAll(job.toAppend(decided));
        storedInRound.put(job.commandId, decided);
        state = next;
        return new Decision.Stored<>(List.copyOf(decided), next);
    }

    /** The events of every command of the round, in order, to store in one append. */
    List<Event> events() {
        return events;
    }

    /**
     * The command whose event is first in the append (its id is the message's {@code Nats-Msg-Id}):
     * what a duplicate acknowledgement of the append is about, with the events it decided.
     */
    Map.Entry<String, List<E>> firstStoring() {
        for (int i = 0; i < jobs.size(); i++) {
            if (decisions.get(i) instanceof Decision.Stored<E, S> stored) {
                return Map.entry(jobs.get(i).commandId, stored.events());
            }
        }
        throw new IllegalStateException("no command of the round stores events");
    }

    /** Answers every command, the round having been decided on the current state; returns the new entry. */
    Entry<E, S> settle(long appendedAt) {
        boolean stored = !events.isEmpty();
        for (int i = 0; i < jobs.size(); i++) {
            Job.Command<C, E, S> job = jobs.get(i);
            switch (decisions.get(i)) {
                case Decision.Stored<E, S> d -> {
                    job.outcome = new Outcome.Accepted<>(d.events(), d.state(), appendedAt);
                    entry.recent().record(job.commandId, appendedAt, d.events());
                }
                case Decision.Unchanged<E, S> d ->
                        job.outcome = new Outcome.Accepted<>(List.of(), d.state(), d.afterEvents() ? appendedAt
                                : entry.sequence());
                case Decision.Refused<E, S> d -> job.outcome = new Outcome.Rejected<>(d.message());
                case Decision.Unexpected<E, S> d -> job.outcome = new Outcome.Conflict<>(entry.sequence(),
                        "expected sequence " + d.expected() + " but " + subject + " is at " + entry.sequence()
                                + ": refresh and decide again");
                case Decision.Again<E, S> d -> job.outcome = new Outcome.Duplicate<>(d.events(), d.state(),
                        d.sequence() < 0 ? appendedAt : d.sequence());
                case Decision.Failed<E, S> d -> job.failure = d.error();
            }
        }
        // the append's first event id is what a snapshot of the new entry is checked against
        return stored ? entry.advanced(state, appendedAt, events.getFirst().id(), events.size()) : entry;
    }
}
