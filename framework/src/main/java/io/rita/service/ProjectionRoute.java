package io.rita.service;

import io.rita.eventstore.Subjects;
import io.rita.projection.Views;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A read-only endpoint answered from a projection's views (a read model across many
 * aggregates) instead of from one aggregate's events: nothing is loaded or folded per request.
 *
 * <pre>{@code
 * Projector<AccountEvent, AccountOverview> accounts = Projector.start(store, projection);
 * ProjectionRoute<AccountOverview> list = ProjectionRoute.of("kmm.services.accounts", accounts.views(),
 *     (views, req) -> views.entries());                   // the reply, as JSON
 * }</pre>
 *
 * <p>The result is sent as a {@link QueryRoute}'s is: {@code byte[]} as is, {@code null} as an
 * empty body, anything else as JSON through {@link DispatchOptions#json()}; a result function may
 * throw {@link io.rita.decider.Rejection} (400). While no version of the projection is ready
 * (built for the first time, or again after its bucket was removed) the reply is 503 with the
 * projection's own words; a view that cannot be read is a 500 that names it.
 *
 * @param name    the endpoint name (default: the pattern's last literal token)
 * @param pattern the request subject pattern
 * @param views   the projection's views
 * @param result  the reply from the views and the request
 * @param <V>     the view type
 */
public record ProjectionRoute<V>(String name, String pattern, Views<V> views,
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
        return new ProjectionRoute<>(Route.defaultName(pattern), pattern, views, result);
    }

    /** This route under another endpoint name. */
    public ProjectionRoute<V> withName(String newName) {
        return new ProjectionRoute<>(newName, pattern, views, result);
    }
}
