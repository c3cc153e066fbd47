package io.rita.service;

import io.rita.eventstore.Subjects;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The route {@link Route#stream} makes; the documentation of what it serves is there. A
 * package-private value, so that users build routes through {@link Route} alone and the
 * dispatcher can still match on the kind.
 */
record StreamRoute(String name, String pattern, Function<Request, String> subject, String deliverPrefix,
                   Duration inactiveAfter, int maxStreams) implements Route {

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
        return new StreamRoute(EndpointNames.defaultName(pattern), pattern, subject, deliverPrefix, Duration.ofSeconds(5),
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
