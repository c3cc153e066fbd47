package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.Subjects;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A read-only endpoint: fold a subject's events (one aggregate, or a wildcard set) into a state
 * with a decider's {@code evolve}, then answer with a result computed from that state.
 *
 * <pre>{@code
 * QueryRoute<AccountEvent, Account> balance = QueryRoute.of(
 *     "kmm.services.*.balance",
 *     req -> "kmm.events.accounts." + req.token(2),
 *     accounts,                                           // its initialState and evolve
 *     (account, req) -> new Balance(account.balance()));  // the reply, as JSON
 * }</pre>
 *
 * <p>The state comes from the same cache as the commands on that subject when the decider is the
 * same instance, so a query on a hot aggregate reads only the events since the last request. A
 * result of type {@code byte[]} is sent as is, {@code null} as an empty body, anything else as JSON
 * through {@link DispatchOptions#json()}. A result function may throw
 * {@link io.rita.decider.Rejection} (for example "no budget set"): the reply is then a 400.
 *
 * @param name    the endpoint name (default: the pattern's last literal token)
 * @param pattern the request subject pattern
 * @param subject the subject (or subject filter) whose events are folded
 * @param view    gives the initial state and {@code evolve}; its {@code decide} is not used
 * @param result  the reply from the folded state and the request
 * @param <E>     the event type
 * @param <S>     the state type
 */
public record QueryRoute<E, S>(String name, String pattern, Function<Request, String> subject,
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
        return new QueryRoute<>(Route.defaultName(pattern), pattern, subject, view, result);
    }

    /** This route under another endpoint name. */
    public QueryRoute<E, S> withName(String newName) {
        return new QueryRoute<>(newName, pattern, subject, view, result);
    }
}
