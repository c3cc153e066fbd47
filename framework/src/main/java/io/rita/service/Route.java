package io.rita.service;

import io.rita.decider.Decider;
import io.rita.projection.Views;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Binds a request subject pattern to what serves it. Every kind of route is made here:
 * {@link #command} (decide and append; {@link CommandRoutes} makes all of a decider's at once),
 * {@link #query} (fold one aggregate's events and answer), {@link #projection} (answer from a
 * projection's views) and {@link #stream} (deliver events live).
 *
 * <pre>{@code
 * Function<Request, String> account = req -> "kmm.events.accounts." + req.token(2);
 * List<Route> routes = new ArrayList<>(CommandRoutes.of("kmm.services.*", AccountCommand.class, account, accounts).routes());
 * routes.add(Route.query("kmm.services.*.balance", account, accounts, (state, req) -> new Balance(state.balance())));
 * routes.add(Route.stream("kmm.services.*.ledger", account, "kmm.streams"));
 * routes.add(Route.projection("kmm.services.accounts", overview, (views, req) -> views.entries()));
 * }</pre>
 *
 * <p>Routes are plain values: no annotations, no reflection on user methods. A pattern may use
 * NATS wildcards ({@code *} for one token, {@code >} for the rest); the request's tokens are
 * checked before any route function sees them. A route's endpoint name, shown by the NATS
 * service API, is the pattern's last literal token unless {@link #withName} says otherwise.
 *
 * <p>A result of a query or projection route, and the reply of a command route (see
 * {@link CommandRoutes#withReply}), is sent as is when it is a {@code byte[]}, as an empty body
 * when it is {@code null}, and as JSON through {@link DispatchOptions#json()} otherwise. A result
 * function may throw {@link io.rita.decider.Rejection} (for example "no budget set"): the reply is
 * then a 400.
 */
public sealed interface Route permits CommandRoute, QueryRoute, ProjectionRoute, StreamRoute {

    /** The request subject pattern, e.g. {@code kmm.services.*.deposit-funds}. */
    String pattern();

    /**
     * The endpoint name shown by the NATS service API ({@code $SRV.INFO}); by default the
     * pattern's last literal token, e.g. {@code deposit-funds}.
     */
    String name();

    /**
     * This route under another endpoint name.
     *
     * @throws NullPointerException when {@code name} is null
     */
    Route withName(String name);

    /**
     * One command endpoint: decode the body as JSON into {@code commandType} (with the
     * dispatcher's mapper; missing, null or unknown fields are a 400 that names the field), pick
     * the aggregate's subject, decide with the decider on the aggregate's state, append the
     * events. The reply body is empty. See {@link Dispatcher} for what happens on conflicts,
     * rejections and re-sent commands.
     *
     * <pre>{@code
     * Route.command("kmm.services.*.open", OpenAccount.class,   // the aggregate, here from the body:
     *               (req, open) -> "kmm.events.accounts." + Subjects.requireToken("account", open.account()),
     *               accounts);
     * }</pre>
     *
     * <p>{@link CommandRoutes} makes every command route of a decider in one call, and also gives
     * commands their own decoders and a reply body.
     *
     * @param pattern     the request subject pattern
     * @param commandType the command record the body is read into
     * @param aggregate   the aggregate subject of a request and its decoded command; must be a
     *                    concrete subject (else 400). Check a command field that goes into it with
     *                    {@link io.rita.eventstore.Subjects#requireToken}, whose refusal is a 400:
     *                    only the whole subject is checked here, so a field {@code "a.b"} would
     *                    otherwise name a subject of more tokens
     * @param decider     decides on the aggregate's state
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    static <C, E, S> Route command(String pattern, Class<C> commandType, BiFunction<Request, C, String> aggregate,
                                   Decider<? super C, E, S> decider) {
        return CommandRoute.of(pattern, commandType, aggregate, decider);
    }

    /**
     * {@link #command(String, Class, BiFunction, Decider)} on an aggregate chosen from the request
     * alone (its tokens and headers), as query and stream routes choose theirs, e.g.
     * {@code req -> "kmm.events.accounts." + req.token(2)}.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    static <C, E, S> Route command(String pattern, Class<C> commandType, Function<Request, String> aggregate,
                                   Decider<? super C, E, S> decider) {
        java.util.Objects.requireNonNull(aggregate, "aggregate");
        return command(pattern, commandType, (BiFunction<Request, C, String>) (req, command) -> aggregate.apply(req),
                decider);
    }

    /**
     * A read-only endpoint: fold a subject's events (one aggregate, or a wildcard set) into a
     * state with a decider's {@code evolve}, then answer with a result computed from that state.
     *
     * <pre>{@code
     * Route.query("kmm.services.*.balance",
     *             req -> "kmm.events.accounts." + req.token(2),
     *             accounts,                                           // its initialState and evolve
     *             (account, req) -> new Balance(account.balance()));  // the reply, as JSON
     * }</pre>
     *
     * <p>The state comes from the same cache as the commands on that subject when the decider is
     * the same instance, so a query on a hot aggregate reads only the events since the last
     * request.
     *
     * @param pattern the request subject pattern
     * @param subject the subject (or subject filter) whose events are folded
     * @param view    gives the initial state and {@code evolve}; its {@code decide} is not used
     * @param result  the reply from the folded state and the request
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    static <E, S> Route query(String pattern, Function<Request, String> subject, Decider<?, E, S> view,
                              BiFunction<S, Request, Object> result) {
        return QueryRoute.of(pattern, subject, view, result);
    }

    /**
     * A read-only endpoint answered from a projection's views (a read model across many
     * aggregates) instead of from one aggregate's events: nothing is loaded or folded per
     * request.
     *
     * <pre>{@code
     * Projector<AccountEvent, AccountOverview> accounts = Projector.start(store, projection);
     * Route.projection("kmm.services.accounts", accounts.views(),
     *                  (views, req) -> views.entries());      // the reply, as JSON
     * }</pre>
     *
     * <p>While no version of the projection is ready (built for the first time, or again after
     * its bucket was removed) the reply is 503 with the projection's own words. When it cannot be
     * read at all (it stopped before any version was ready, a view does not decode, JetStream is
     * missing) the reply is a 500 that names the projection, and the service's log says why, with
     * a reference from the reply where there is one: the reason can quote the projection
     * function's exception or a view's data, which are not the caller's business.
     *
     * @param pattern the request subject pattern
     * @param views   the projection's views
     * @param result  the reply from the views and the request
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    static <V> Route projection(String pattern, Views<V> views, BiFunction<Views<V>, Request, Object> result) {
        return ProjectionRoute.of(pattern, views, result);
    }

    /**
     * A live-stream endpoint, with a 5 second inactivity limit and at most 1,000 streams at once;
     * see {@link #stream(String, Function, String, Duration, int)}.
     *
     * @throws IllegalArgumentException when the pattern or the prefix is not valid
     */
    static Route stream(String pattern, Function<Request, String> subject, String deliverPrefix) {
        return StreamRoute.of(pattern, subject, deliverPrefix);
    }

    /**
     * A live-stream endpoint: delivers a subject's stored events, history first and then live,
     * to a subject that the client names inside a prefix that the route fixes.
     *
     * <pre>{@code
     * Route.stream("kmm.services.*.ledger", req -> "kmm.events.accounts." + req.token(2), "kmm.streams");
     * }</pre>
     *
     * <p>The client subscribes to {@code <prefix>.<id>}, then sends {@code {"id":"<id>"}}; the
     * reply is {@code {"subject":"<prefix>.<id>"}} and the events follow as the stored messages
     * themselves (their {@code rita-*} headers and data). The id is one subject token, so a client
     * can never aim events at another subject. Delivery stops, and the server removes what it set
     * up, about {@code inactiveAfter} after the client unsubscribes. Served by
     * {@link ServiceRunner} only (it needs JetStream); {@link Dispatcher#dispatch} answers 501 for
     * it. {@link io.rita.client.ServiceClient#stream} is the client.
     *
     * <p>A request may add {@code "heartbeat":<milliseconds>} (100 to 60,000; 0 or absent: none):
     * the server then sends idle heartbeats, and the reply confirms them with the same field, so
     * that the client can tell a quiet stream from one whose consumer is gone. Delivery has no
     * flow control (a plain subscriber could not answer it): a client that reads more slowly than
     * the events come loses messages to its subscription's pending limit. Each message's
     * JetStream metadata (its reply subject; jnats: {@code message.metaData()}) carries the
     * consumer sequence, so a client sees such a gap, and the pending count, which is 0 once the
     * history is delivered. Each stream is a JetStream consumer, hence the limit on how many one
     * runner keeps.
     *
     * @param pattern       the request subject pattern
     * @param subject       the subject (or filter) whose events are delivered
     * @param deliverPrefix the fixed prefix of the delivery subject, e.g. {@code kmm.streams}
     * @param inactiveAfter how long delivery survives without a subscriber
     * @param maxStreams    how many live streams of this route one runner keeps at once; a request
     *                      for one more is answered 503 until an earlier client has gone
     * @throws IllegalArgumentException when the pattern or the prefix is not valid, or a limit is
     *                                  not positive
     */
    static Route stream(String pattern, Function<Request, String> subject, String deliverPrefix,
                        Duration inactiveAfter, int maxStreams) {
        return StreamRoute.of(pattern, subject, deliverPrefix).withInactiveAfter(inactiveAfter)
                .withMaxStreams(maxStreams);
    }
}
