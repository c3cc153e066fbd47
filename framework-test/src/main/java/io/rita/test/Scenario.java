package io.rita.test;

import io.rita.decider.Decider;
import org.opentest4j.AssertionFailedError;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One given/when scenario of a decider, and the run that checks the decider's own contract.
 *
 * <p>Every run checks what a {@code then} cannot see: that {@code decide} and {@code evolve}
 * leave the state they are given as it was (compared deeply, so a list changed inside a record
 * is caught), and, when the scenario starts from events, that folding the given and the new
 * events from the initial state gives the state that evolving step by step gave; and, for a
 * decider with a snapshot codec, that the given and the new state survive it.
 *
 * @param factory     builds the decider from the scenario's clock and id supplier
 * @param clock       the fixed clock of the scenario
 * @param ids         the scenario's ids by number, from 1
 * @param givenEvents the past events, or {@code null} when the scenario starts from a state
 * @param givenState  the starting state, or {@code null} when it starts from events
 * @param command     the command to decide
 * @param snapshots   the snapshot codec check, or {@code null} when the decider keeps no snapshots
 */
record Scenario<C, E, S>(BiFunction<Clock, Supplier<String>, Decider<C, E, S>> factory, Clock clock,
                         IntFunction<String> ids, List<E> givenEvents, S givenState, C command,
                         SnapshotCheck snapshots) {

    /** The decider asked for more ids than the scenario set; the run turns it into the scenario's failure. */
    static final class IdsRanOut extends RuntimeException {

        IdsRanOut(int wanted, List<String> ids) {
            super("the decider asked for id " + wanted + ", but the scenario sets only " + ids.size() + ": " + ids,
                    null, false, false);
        }
    }

    /**
     * What one run produced.
     *
     * @param decider  the decider the run used
     * @param events   the events decide returned, empty when it threw
     * @param state    the state after evolving them (the start state when decide threw)
     * @param thrown   what decide threw, or {@code null}
     */
    record Run<C, E, S>(Decider<C, E, S> decider, List<E> events, S state, RuntimeException thrown) {
    }

    /** Builds a fresh decider, runs the scenario and the built-in checks. */
    Run<C, E, S> run() {
        Decider<C, E, S> decider = newDecider();
        S start = givenState != null ? givenState : foldGiven(decider);
        if (snapshots != null) {
            snapshots.check(this, start, "given");
        }
        String before = Structure.describe(start);
        List<E> events;
        try {
            events = decider.decide(start, command);
        } catch (RuntimeException thrown) {
            requireUnchanged(before, start, "decide (before it threw " + thrown.getClass().getSimpleName() + ")");
            return new Run<>(decider, List.of(), start, thrown);
        }
        requireUnchanged(before, start, "decide");
        if (events == null || events.stream().anyMatch(Objects::isNull)) {
            throw fail("decide returned " + events + "; return List.of() to accept a command without events", null);
        }
        S state = evolveAll(decider, start, events, "new");
        requireUnchanged(before, start, "evolve");
        if (givenEvents != null) {
            requireSameFromScratch(decider, events, state);
        }
        if (snapshots != null) {
            snapshots.check(this, state, "new");
        }
        return new Run<>(decider, List.copyOf(events), state, null);
    }

    /** The scenario in one line: {@code Scenario: at ... given [...] when ...}. */
    String describe() {
        String given = givenState != null ? "given state " + Structure.describe(givenState)
                : givenEvents.isEmpty() ? "given no events" : "given " + describeAll(givenEvents);
        return "Scenario: at " + describeTime(clock) + " " + given + " when " + Structure.describe(command);
    }

    /** A failure that starts with the scenario. */
    AssertionFailedError fail(String problem, Throwable cause) {
        return new AssertionFailedError(describe() + "\n" + problem, cause);
    }

    /** A failure that starts with the scenario and carries expected and actual for an IDE's diff view. */
    AssertionFailedError fail(String problem, Object expected, Object actual) {
        return new AssertionFailedError(describe() + "\n" + problem, expected, actual);
    }

    /** A clock's time, with its zone unless that is UTC. */
    static String describeTime(Clock clock) {
        ZonedDateTime now = clock.instant().atZone(clock.getZone());
        // the zone matters to deciders that cut time into local days; UTC needs no mention
        return now.getOffset().equals(ZoneOffset.UTC) && clock.getZone().normalized().equals(ZoneOffset.UTC)
                ? clock.instant().toString() : now.toString();
    }

    static String describeAll(List<?> values) {
        StringJoiner all = new StringJoiner(", ", "[", "]");
        values.forEach(v -> all.add(Structure.describe(v)));
        return all.toString();
    }

    private Decider<C, E, S> newDecider() {
        // ids are the same in every run (id-1, id-2, ... by default) so expected events can name them
        AtomicInteger next = new AtomicInteger();
        Decider<C, E, S> decider = factory.apply(clock, () -> {
            try {
                return ids.apply(next.incrementAndGet());
            } catch (IdsRanOut e) {
                // an AssertionError, so that a decide that catches exceptions cannot take it for its own
                throw fail(e.getMessage(), null);
            }
        });
        if (decider == null) {
            throw new IllegalStateException("the decider factory of the fixture returned null");
        }
        return decider;
    }

    private S foldGiven(Decider<C, E, S> decider) {
        S initial = decider.initialState();
        String before = Structure.describe(initial);
        S state = evolveAll(decider, initial, givenEvents, "given");
        if (!before.equals(Structure.describe(initial))) {
            throw fail("evolve changed the initial state it was given:\n  before " + before
                    + "\n  after  " + Structure.describe(initial)
                    + "\nevolve must return a new state and leave its input alone", null);
        }
        return state;
    }

    private S evolveAll(Decider<C, E, S> decider, S start, List<E> events, String which) {
        S state = start;
        for (int i = 0; i < events.size(); i++) {
            try {
                state = decider.evolve(state, events.get(i));
            } catch (RuntimeException e) {
                throw fail("evolve threw on " + which + " event " + (i + 1) + " of " + events.size() + " ("
                        + Structure.describe(events.get(i)) + "): " + e, e);
            }
        }
        return state;
    }

    private void requireUnchanged(String before, S state, String who) {
        String after = Structure.describe(state);
        if (!before.equals(after)) {
            throw fail(who + " changed the state it was given:\n  before " + before + "\n  after  " + after
                    + "\nstate must be immutable: return new records and copies of collections", before, after);
        }
    }

    private void requireSameFromScratch(Decider<C, E, S> decider, List<E> events, S stepByStep) {
        List<E> all = new ArrayList<>(givenEvents);
        all.addAll(events);
        S fromScratch = decider.fold(decider.initialState(), all);
        if (!Structure.same(fromScratch, stepByStep, Set.of())) {
            throw fail("folding given + new events from the initial state gave\n  " + Structure.describe(fromScratch)
                    + "\nbut evolving step by step gave\n  " + Structure.describe(stepByStep)
                    + "\nevolve must depend only on its inputs and must not share or change state",
                    fromScratch, stepByStep);
        }
    }
}
