package io.rita.test;

import io.rita.service.Reply;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last stage of a handler scenario: the request has been given; each {@code then} method
 * serves it and asserts the reply and the stored events.
 *
 * <pre>{@code
 * fx.when("counters.c1.add", "{\"amount\":3}").thenStored(new Added(3, NOW));
 * fx.when("counters.c1.add", "{\"amount\":30}").thenRejected("counter: limit is 10");
 * fx.when("counters.c1.add", "not json").thenFailed(400, "bad request body");
 * }</pre>
 *
 * <p>A failure throws {@link org.opentest4j.AssertionFailedError} whose message starts with
 * the scenario and shows the reply, and for events expected and actual field by field.
 */
public final class HandlerWhen {

    private final HandlerScenario scenario;
    private final Set<String> ignored;

    HandlerWhen(HandlerScenario scenario, Set<String> ignored) {
        this.scenario = scenario;
        this.ignored = ignored;
    }

    /**
     * Has another writer append these events to {@code subject} just before the handler's first
     * append, as if it got in between the handler's load and its append: the handler meets a
     * conflict and must read, decide again and retry. Events are records or
     * {@link io.rita.eventstore.Event}s, one append each.
     */
    public HandlerWhen concurrently(String subject, Object... events) {
        return new HandlerWhen(scenario.withConcurrent(new HandlerScenario.Appended(subject, List.of(events))), ignored);
    }

    /** Ignores record components of these names when comparing stored events (see {@link When#ignoringFields}). */
    public HandlerWhen ignoringFields(String... fieldNames) {
        Set<String> names = new LinkedHashSet<>(ignored);
        names.addAll(Arrays.asList(fieldNames));
        return new HandlerWhen(scenario, Set.copyOf(names));
    }

    /** Asserts a success reply, whatever it stored. */
    public Handled thenReplied() {
        return succeeded(scenario.run());
    }

    /** Asserts a success reply whose body, as UTF-8 text, is {@code body}. */
    public Handled thenReplied(String body) {
        Handled handled = succeeded(scenario.run());
        if (!handled.reply().text().equals(body)) {
            throw scenario.fail("expected the reply body '" + body + "', but it was '" + handled.reply().text() + "'",
                    body, handled.reply().text());
        }
        return handled;
    }

    /** Asserts a success reply and that the request stored exactly these events (their data), in order. */
    public Handled thenStored(Object... events) {
        Handled handled = succeeded(scenario.run());
        List<Object> expected = List.of(events);
        List<Object> actual = handled.storedData();
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = Structure.same(expected.get(i), actual.get(i), ignored);
        }
        if (!same) {
            throw scenario.fail(DifferenceReport.events(expected, actual, ignored, "the handler stored"),
                    expected, actual);
        }
        return handled;
    }

    /** Asserts a failure reply with this code (e.g. 400, 404, 409) whose message contains {@code messagePart}. */
    public Handled thenFailed(int code, String messagePart) {
        Handled handled = scenario.run();
        if (!(handled.reply() instanceof Reply.Failure failure) || failure.code() != code
                || !failure.message().contains(messagePart)) {
            throw scenario.fail("expected a failure " + code + " containing '" + messagePart + "', but the reply was "
                    + describe(handled.reply()) + storedNote(handled), null);
        }
        if (!handled.stored().isEmpty()) {
            throw scenario.fail("the reply was failure " + code + ", yet the request stored "
                    + Scenario.describeAll(handled.storedData()), null);
        }
        return handled;
    }

    /** Asserts that the command was rejected: a 400 reply whose message contains {@code messagePart}. */
    public Handled thenRejected(String messagePart) {
        return thenFailed(Reply.Failure.BAD_REQUEST, messagePart);
    }

    private Handled succeeded(Handled handled) {
        if (!handled.reply().isSuccess()) {
            throw scenario.fail("expected a success, but the reply was " + describe(handled.reply())
                    + storedNote(handled), null);
        }
        return handled;
    }

    private static String describe(Reply reply) {
        return switch (reply) {
            case Reply.Success success -> "success '" + success.text() + "' " + success.headers();
            case Reply.Failure failure -> "failure " + failure.code() + " '" + failure.message() + "'";
        };
    }

    private static String storedNote(Handled handled) {
        return handled.stored().isEmpty() ? "" : "\nand the request stored " + Scenario.describeAll(handled.storedData());
    }
}
