package io.rita.service;

import io.rita.eventstore.Subjects;
import io.rita.projection.Views;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The route {@link Route#projection} makes; the documentation of what it serves is there. A
 * package-private value, so that users build routes through {@link Route} alone and the
 * dispatcher can still match on the kind.
 */
record ProjectionRoute<V>(String name, String pattern, Views<V> views,
                          BiFunction<Views<V>, Request, Object> result) implements Route {

    public ProjectionRoute {
        Objects.requireNonNull(name, "name");
        Subjects.requireFilter("a route pattern", pattern);
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(result, "result");
    }

    /**
     * A projection route with the default name.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    public static <V> ProjectionRoute<V> of(String pattern, Views<V> views, BiFunction<Views<V>, Request, Object> result) {
        return new ProjectionRoute<>(EndpointNames.defaultName(pattern), pattern, views, result);
    }

    /** This route under another endpoint name. */
    public ProjectionRoute<V> withName(String newName) {
        return new ProjectionRoute<>(newName, pattern, views, result);
    }
}
