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
 * <p>A request may add {@code "heartbeat":<milliseconds>} ({@link #MIN_HEARTBEAT} to
 * {@link #MAX_HEARTBEAT}; 0 or absent: none): the server then sends idle heartbeats, and the
 * reply confirms them with the same field, so that the client can tell a quiet stream from one
 * whose consumer is gone. Delivery has no flow control (a plain subscriber could not answer it):
 * a client that reads more slowly than the events come loses messages to its subscription's
 * pending limit. Each message's JetStream metadata (its reply subject; jnats:
 * {@code message.metaData()}) carries the consumer sequence, so a client sees such a gap, and
 * the pending count, which is 0 once the history is delivered. Each stream is a JetStream
 * consumer, so a runner keeps at most {@link #maxStreams()} of a route at once.
 *
 * @param name          the endpoint name (default: the pattern's last literal token)
 * @param pattern       the request subject pattern
 * @param subject       the subject (or filter) whose events are delivered
 * @param deliverPrefix the fixed prefix of the delivery subject, e.g. {@code kmm.streams}
 * @param inactiveAfter how long delivery survives without a subscriber (default 5 s)
 * @param maxStreams    how many live streams of this route one runner keeps at once (default 1,000);
 *                      a request for one more is answered 503 until an earlier client has gone
 */
public record StreamRoute(String name, String pattern, Function<Request, String> subject, String deliverPrefix,
                          Duration inactiveAfter, int maxStreams) implements Route {

    /** The shortest idle heartbeat a stream request may ask for: more often would be a load, not a check. */
    public static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);
    /** The longest: a client waits three of them before it calls a stream gone. */
    public static final Duration MAX_HEARTBEAT = Duration.ofMinutes(1);

    public StreamRoute {
        Objects.requireNonNull(name, "name");
        Subjects.requireFilter("a route pattern", pattern);
        Objects.requireNonNull(subject, "subject");
        Subjects.requireConcrete("a stream route's delivery prefix", deliverPrefix);
        if (inactiveAfter == null || inactiveAfter.isNegative() || inactiveAfter.isZero()) {
            throw new IllegalArgumentException("inactiveAfter must be positive, was " + inactiveAfter);
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be >= 1, was " + maxStreams);
        }
    }

    /**
     * A stream route with the default name, a 5 second inactivity limit and at most 1,000 streams.
     *
     * @throws IllegalArgumentException when the pattern or the prefix is not valid
     */
    public static StreamRoute of(String pattern, Function<Request, String> subject, String deliverPrefix) {
        return new StreamRoute(Route.defaultName(pattern), pattern, subject, deliverPrefix, Duration.ofSeconds(5),
                1_000);
    }

    /** This route under another endpoint name. */
    public StreamRoute withName(String newName) {
        return new StreamRoute(newName, pattern, subject, deliverPrefix, inactiveAfter, maxStreams);
    }

    /** This route with another inactivity limit. */
    public StreamRoute withInactiveAfter(Duration newInactiveAfter) {
        return new StreamRoute(name, pattern, subject, deliverPrefix, newInactiveAfter, maxStreams);
    }

    /** This route with another limit on the live streams one runner keeps at once. */
    public StreamRoute withMaxStreams(int newMaxStreams) {
        return new StreamRoute(name, pattern, subject, deliverPrefix, inactiveAfter, newMaxStreams);
    }
}
