package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.Subjects;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The route {@link Route#query} makes; the documentation of what it serves is there. A
 * package-private value, so that users build routes through {@link Route} alone and the
 * dispatcher can still match on the kind.
 */
record QueryRoute<E, S>(String name, String pattern, Function<Request, String> subject,
                        Decider<?, E, S> view, BiFunction<S, Request, Object> result) implements Route {

    public QueryRoute {
        Objects.requireNonNull(name, "name");
        Subjects.requireFilter("a route pattern", pattern);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(result, "result");
    }

    /**
     * A query route with the default name.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    public static <E, S> QueryRoute<E, S> of(String pattern, Function<Request, String> subject,
                                             Decider<?, E, S> view, BiFunction<S, Request, Object> result) {
        return new QueryRoute<>(EndpointNames.defaultName(pattern), pattern, subject, view, result);
    }

    /** This route under another endpoint name. */
    public QueryRoute<E, S> withName(String newName) {
        return new QueryRoute<>(newName, pattern, subject, view, result);
    }
}
