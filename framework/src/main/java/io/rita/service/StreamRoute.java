package io.rita.service;

import io.rita.eventstore.Subjects;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A live-stream endpoint: delivers a subject's stored events, history first and then live, to a
 * subject that the client names inside a prefix that the route fixes.
 *
 * <pre>{@code
 * StreamRoute ledger = StreamRoute.of("kmm.services.*.ledger",
 *                                     req -> "kmm.events.accounts." + req.token(2),
 *                                     "kmm.streams");
 * }</pre>
 *
 * <p>The client subscribes to {@code <prefix>.<id>}, then sends {@code {"id":"<id>"}}; the reply
 * is {@code {"subject":"<prefix>.<id>"}} and the events follow as the stored messages themselves
 * (their {@code rita-*} headers and data). The id is one subject token, so a client can never aim
 * events at another subject. Delivery stops, and the server removes what it set up, about
 * {@link #inactiveAfter()} after the client unsubscribes. Served by {@link ServiceRunner} only
 * (it needs JetStream); {@link Dispatcher#dispatch} answers 501 for it.
 *
 * @param name          the endpoint name (default: the pattern's last literal token)
 * @param pattern       the request subject pattern
 * @param subject       the subject (or filter) whose events are delivered
 * @param deliverPrefix the fixed prefix of the delivery subject, e.g. {@code kmm.streams}
 * @param inactiveAfter how long delivery survives without a subscriber (default 5 s)
 */
public record StreamRoute(String name, String pattern, Function<Request, String> subject, String deliverPrefix,
                          Duration inactiveAfter) implements Route {

    public StreamRoute {
        Objects.requireNonNull(name, "name");
        if (!Subjects.isFilter(pattern)) {
            throw new IllegalArgumentException("route pattern must be a valid subject or filter, was '" + pattern + "'");
        }
        Objects.requireNonNull(subject, "subject");
        Subjects.requireConcrete(deliverPrefix);
        if (inactiveAfter == null || inactiveAfter.isNegative() || inactiveAfter.isZero()) {
            throw new IllegalArgumentException("inactiveAfter must be positive, was " + inactiveAfter);
        }
    }

    /**
     * A stream route with the default name and a 5 second inactivity limit.
     *
     * @throws IllegalArgumentException when the pattern or the prefix is not valid
     */
    public static StreamRoute of(String pattern, Function<Request, String> subject, String deliverPrefix) {
        return new StreamRoute(Route.defaultName(pattern), pattern, subject, deliverPrefix, Duration.ofSeconds(5));
    }

    /** This route under another endpoint name. */
    public StreamRoute withName(String newName) {
        return new StreamRoute(newName, pattern, subject, deliverPrefix, inactiveAfter);
    }

    /** This route with another inactivity limit. */
    public StreamRoute withInactiveAfter(Duration newInactiveAfter) {
        return new StreamRoute(name, pattern, subject, deliverPrefix, newInactiveAfter);
    }
}
