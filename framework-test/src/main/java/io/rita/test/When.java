package io.rita.test;

import io.rita.decider.Rejection;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The last stage of a decider scenario: the command has been given; each {@code then}
 * method runs the scenario and asserts its outcome.
 *
 * <pre>{@code
 * fx.given(new Added(2)).when(new Add(3)).then(new Added(3));
 * fx.given(new Added(9)).when(new Add(3)).thenRejected("counter: limit is 10");
 * fx.givenState(new Counter(4)).when(new Reset(0)).ignoringFields("time").then(new WasReset(null));
 * }</pre>
 *
 * <p>Every run also checks the decider's contract: {@code decide} and {@code evolve} leave
 * the state they are given unchanged, and folding given + new events from the initial state
 * equals the state evolved step by step. A failed check, like a failed expectation, throws an
 * {@link org.opentest4j.AssertionFailedError} whose message starts with the scenario and shows
 * expected and actual side by side, field by field.
 *
 * @param <C> the command type
 * @param <E> the event type
 * @param <S> the state type
 */
public final class When<C, E, S> {

    private final Scenario<C, E, S> scenario;
    private final Set<String> ignored;
    private final boolean idempotent;

    When(Scenario<C, E, S> scenario) {
        this(scenario, Set.of(), false);
    }

    private When(Scenario<C, E, S> scenario, Set<String> ignored, boolean idempotent) {
        this.scenario = scenario;
        this.ignored = ignored;
        this.idempotent = idempotent;
    }

    /**
     * Ignores record components of these names when comparing events and states, for values
     * such as generated ids and times. A plain name ({@code "time"}) matches at any depth; a
     * dotted path ({@code "budget.time"}) matches that field only.
     */
    public When<C, E, S> ignoringFields(String... fieldNames) {
        Set<String> names = new LinkedHashSet<>(ignored);
        names.addAll(Arrays.asList(fieldNames));
        return new When<>(scenario, Set.copyOf(names), idempotent);
    }

    /**
     * Also checks that deciding the same command again, on the state after the new events,
     * produces no events (the command is idempotent). Not checked after a rejection.
     */
    public When<C, E, S> idempotent() {
        return new When<>(scenario, ignored, true);
    }

    /** Asserts that decide returns exactly these events, in this order. */
    @SafeVarargs
    public final Outcome<E, S> then(E... expected) {
        return then(List.of(expected));
    }

    /** Asserts that decide returns exactly these events, in this order. */
    public Outcome<E, S> then(List<? extends E> expected) {
        Scenario.Run<C, E, S> run = accepted("events " + Scenario.describeAll(expected));
        if (!sameEvents(expected, run.events())) {
            throw scenario.fail(DifferenceReport.events(expected, run.events(), ignored, "decide returned"), expected, run.events());
        }
        return finish(run);
    }

    /** Asserts that decide accepts the command and returns no events. */
    public Outcome<E, S> thenNothing() {
        Scenario.Run<C, E, S> run = accepted("no events");
        if (!run.events().isEmpty()) {
            throw scenario.fail("expected no events, but decide returned " + run.events().size() + ":\n"
                    + DifferenceReport.list(run.events()), List.of(), run.events());
        }
        return finish(run);
    }

    /** Asserts that the state after evolving the new events equals {@code expected}. */
    public Outcome<E, S> thenState(S expected) {
        Scenario.Run<C, E, S> run = accepted("state " + Structure.describe(expected));
        if (!Structure.same(expected, run.state(), ignored)) {
            throw scenario.fail("state after the new events " + Scenario.describeAll(run.events()) + " differs:\n"
                    + DifferenceReport.value(expected, run.state(), ignored).stripTrailing(), expected, run.state());
        }
        return finish(run);
    }

    /** Runs an assertion (e.g. AssertJ's) on the state after evolving the new events. */
    public Outcome<E, S> thenState(Consumer<? super S> assertion) {
        Scenario.Run<C, E, S> run = accepted("a state that passes the assertion");
        try {
            assertion.accept(run.state());
        } catch (AssertionError e) {
            throw scenario.fail("state after the new events " + Scenario.describeAll(run.events()) + " is\n  "
                    + Structure.describe(run.state()) + "\nand fails the assertion: " + e.getMessage(), e);
        }
        return finish(run);
    }

    /** Asserts that decide refuses the command with a {@link Rejection}. */
    public Rejection thenRejected() {
        return thenRejected(Rejection.class, null);
    }

    /** Asserts that decide refuses the command with a {@link Rejection} whose message contains {@code messagePart}. */
    public Rejection thenRejected(String messagePart) {
        return thenRejected(Rejection.class, messagePart);
    }

    /**
     * Asserts that decide throws {@code type} with a message that contains {@code messagePart}
     * ({@code null}: any message).
     */
    public <T extends Throwable> T thenRejected(Class<T> type, String messagePart) {
        String wanted = type.getSimpleName() + (messagePart == null ? "" : " containing '" + messagePart + "'");
        Scenario.Run<C, E, S> run = scenario.run();
        RuntimeException thrown = run.thrown();
        if (thrown == null) {
            throw scenario.fail("expected " + wanted + ", but decide accepted the command and returned "
                    + Scenario.describeAll(run.events()), null);
        }
        if (!type.isInstance(thrown)) {
            throw scenario.fail("expected " + wanted + ", but decide threw " + thrown, thrown);
        }
        String message = thrown.getMessage();
        if (messagePart != null && (message == null || !message.contains(messagePart))) {
            throw scenario.fail("expected " + wanted + ", but the message was '" + message + "'",
                    messagePart, message);
        }
        return type.cast(thrown);
    }

    private Scenario.Run<C, E, S> accepted(String expectation) {
        Scenario.Run<C, E, S> run = scenario.run();
        if (run.thrown() != null) {
            throw scenario.fail("expected " + expectation + ", but decide threw " + run.thrown(), run.thrown());
        }
        return run;
    }

    private boolean sameEvents(List<? extends E> expected, List<E> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Structure.same(expected.get(i), actual.get(i), ignored)) {
                return false;
            }
        }
        return true;
    }

    private Outcome<E, S> finish(Scenario.Run<C, E, S> run) {
        if (idempotent) {
            List<E> again;
            try {
                again = run.decider().decide(run.state(), scenario.command());
            } catch (RuntimeException e) {
                throw scenario.fail("not idempotent: deciding the command again on the new state "
                        + Structure.describe(run.state()) + " threw " + e + "; expected no events", e);
            }
            if (again != null && !again.isEmpty()) {
                throw scenario.fail("not idempotent: deciding the command again on the new state "
                        + Structure.describe(run.state()) + " returned " + again.size() + " more:\n"
                        + DifferenceReport.list(again), List.of(), again);
            }
        }
        return new Outcome<>(run.events(), run.state());
    }
}
