package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.Subjects;
import io.rita.service.Reply;
import io.rita.service.ServiceHeaders;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last stage of a handler scenario: the request has been given; each {@code then} method
 * serves it and asserts the reply and the stored events.
 *
 * <pre>{@code
 * fx.when("counters.c1.add", "{\"amount\":3}").thenStored("counters.c1", new Added(3, NOW));
 * fx.when("counters.c1.add", "{\"amount\":30}").thenRejected("counter: limit is 10");
 * fx.when("counters.c1.add", "not json").thenBadRequest("bad request body");
 * fx.when("counters.c1.subtract", "{}").thenFailed(404, null);
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
     * append to {@code subject}, as if it got in between the handler's load and its append: the
     * handler meets a conflict and must read, decide again and retry. Events are records or
     * {@link io.rita.eventstore.Event}s, one append each. The scenario fails when the handler
     * never appends to {@code subject}, or when its append there meets no conflict: then the
     * scenario did not test what it meant to.
     */
    public HandlerWhen concurrently(String subject, Object... events) {
        Subjects.requireConcrete("a concurrent append", subject);
        if (events == null || events.length == 0) {
            // an empty append stores nothing, so it could race nothing into a conflict
            throw new IllegalArgumentException("concurrently(" + subject + ") needs at least one event for the other"
                    + " writer to append");
        }
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

    /**
     * Asserts a success reply and that the request stored exactly these events (their data), in
     * order, on whatever subjects; a failure names the subjects. See {@link #thenStored(String, Object...)}.
     */
    public Handled thenStored(Object... events) {
        Handled handled = succeeded(scenario.run());
        List<Object> expected = List.of(events);
        List<Object> actual = handled.storedData();
        if (!sameData(expected, actual)) {
            throw scenario.fail(DifferenceReport.events(expected, actual, ignored, "the handler stored")
                    + storedOn(handled), expected, actual);
        }
        return handled;
    }

    /**
     * Asserts a success reply and that the request stored exactly these events (their data), in
     * order, on {@code subject}.
     */
    public Handled thenStored(String subject, Object... events) {
        Handled handled = succeeded(scenario.run());
        List<Object> expected = List.of(events);
        List<Object> actual = handled.storedData();
        StringBuilder problems = new StringBuilder();
        if (!sameData(expected, actual)) {
            problems.append(DifferenceReport.events(expected, actual, ignored, "the handler stored"));
        }
        List<StoredEvent> stored = handled.stored();
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.get(i).subject().equals(subject)) {
                problems.append(problems.isEmpty() ? "" : "\n").append("event ").append(i + 1).append(" of ")
                        .append(stored.size()).append(" was stored on ").append(stored.get(i).subject())
                        .append(", expected on ").append(subject);
            }
        }
        if (!problems.isEmpty()) {
            throw scenario.fail(problems.toString(), expected, actual);
        }
        return handled;
    }

    /**
     * Asserts a failure reply with this code (e.g. 400, 404, 409) whose message contains
     * {@code messagePart} ({@code null}: any message), and that nothing was stored.
     */
    public Handled thenFailed(int code, String messagePart) {
        return failed(code, null, messagePart, "a failure " + code);
    }

    /**
     * Asserts that the domain rejected the request: a 400 reply for a
     * {@link io.rita.decider.Rejection} (not for a body it could not read) whose message
     * contains {@code messagePart} ({@code null}: any message), and that nothing was stored.
     */
    public Handled thenRejected(String messagePart) {
        return failed(Reply.Failure.BAD_REQUEST, ServiceHeaders.REJECTION, messagePart, "a rejection");
    }

    /** Asserts that the domain rejected the request, with any message; see {@link #thenRejected(String)}. */
    public Handled thenRejected() {
        return thenRejected(null);
    }

    /**
     * Asserts that the request could not be read as sent (a bad body, subject token or header):
     * a 400 reply that is not a rejection, whose message contains {@code messagePart}
     * ({@code null}: any message), and that nothing was stored.
     */
    public Handled thenBadRequest(String messagePart) {
        return failed(Reply.Failure.BAD_REQUEST, ServiceHeaders.BAD_REQUEST, messagePart, "a bad request");
    }

    private Handled failed(int code, String kind, String messagePart, String wanted) {
        Handled handled = scenario.run();
        boolean matches = handled.reply() instanceof Reply.Failure failure && failure.code() == code
                && (kind == null || kind.equals(failure.headers().get(ServiceHeaders.ERROR_KIND)))
                && (messagePart == null || failure.message().contains(messagePart));
        if (!matches) {
            throw scenario.fail("expected " + wanted + (messagePart == null ? "" : " containing '" + messagePart + "'")
                    + ", but the reply was " + describe(handled.reply()) + storedNote(handled), null);
        }
        if (!handled.stored().isEmpty()) {
            throw scenario.fail("the reply was " + describe(handled.reply()) + ", yet the request stored "
                    + Scenario.describeAll(handled.storedData()) + storedOn(handled), null);
        }
        return handled;
    }

    private boolean sameData(List<Object> expected, List<Object> actual) {
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = Structure.same(expected.get(i), actual.get(i), ignored);
        }
        return same;
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
            case Reply.Failure failure -> "failure " + failure.code()
                    + (failure.headers().containsKey(ServiceHeaders.ERROR_KIND)
                            ? " (" + failure.headers().get(ServiceHeaders.ERROR_KIND) + ")" : "")
                    + " '" + failure.message() + "'";
        };
    }

    private static String storedNote(Handled handled) {
        return handled.stored().isEmpty() ? ""
                : "\nand the request stored " + Scenario.describeAll(handled.storedData()) + storedOn(handled);
    }

    /** Where the request stored its events, {@code "\nstored on <subjects>"}; empty when it stored none. */
    private static String storedOn(Handled handled) {
        List<String> subjects = handled.stored().stream().map(StoredEvent::subject).distinct().toList();
        return subjects.isEmpty() ? "" : "\nstored on " + String.join(", ", subjects);
    }
}
