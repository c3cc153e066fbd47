package io.rita.service;

import io.nats.client.NUID;
import io.rita.decider.Rejection;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Subjects;
import io.rita.service.Reply.Failure;
import io.rita.service.internal.AggregateCache;
import io.rita.service.internal.Aggregates;
import io.rita.service.internal.JsonBodies;
import io.rita.service.internal.SubjectPattern;
import io.rita.service.internal.Turns;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Serves requests on routes against an event store, without any transport: request in, reply
 * out. The {@link ServiceRunner} puts it on NATS; tests and the test kit call it directly.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.of(store, List.of(deposit, balance), DispatchOptions.defaults());
 * Reply reply = dispatcher.dispatch(Request.of("kmm.services.susie.deposit-funds", body));
 * }</pre>
 *
 * <h2>A command</h2>
 * <ol>
 *   <li>The body is at most {@link DispatchOptions#maxBodyBytes()} (else 413); a route matches the
 *       subject (else 404 {@code unknown service operation}); every subject token is one safe token
 *       (else 400); the body decodes into the command and the aggregate subject is concrete (else 400).</li>
 *   <li>The aggregate's turn in this process is taken, so this process never races itself, while
 *       other aggregates go on in parallel.</li>
 *   <li>State and sequence come from the cache, topped up with the events after the cached
 *       sequence (a full load when not cached).</li>
 *   <li>If the command id is among the aggregate's recent causation ids, the command was stored
 *       before: success as then, nothing appended.</li>
 *   <li>With a {@value ServiceHeaders#EXPECTED_SEQUENCE} header, the aggregate must be at that
 *       sequence (else 409 with {@value ServiceHeaders#SEQUENCE}).</li>
 *   <li>{@code decide}: a {@link Rejection} is a 400 with its message; no events is a success;
 *       events are appended with the expected sequence read in step 3, with ids
 *       {@code <command id>-<index>}, the clock's time, and metadata {@code causation-id} (the
 *       command id) and {@code correlation-id}.</li>
 *   <li>A conflict (another process appended first) means: pause (jittered, exponential), read the
 *       new events, decide again, up to {@link DispatchOptions#maxAttempts()} attempts; then 409.
 *       With an expected sequence from the client there is no retry: 409 at once.</li>
 *   <li>Success: the new state is cached, the reply carries the route's body and the new
 *       sequence in {@value ServiceHeaders#SEQUENCE}.</li>
 * </ol>
 *
 * <p>Replies never carry stack traces: an unexpected failure is logged with a reference that the
 * 500 reply quotes. Thread-safe; one instance serves any number of concurrent requests.
 */
public final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final EventStore store;
    private final List<Route> routes;
    private final List<SubjectPattern> patterns;
    private final DispatchOptions options;
    private final Aggregates aggregates;
    private final Commands commands;
    private final Queries queries;
    private final Map<Route, CommandDecoder<?>> decoders = new IdentityHashMap<>();

    private Dispatcher(EventStore store, List<? extends Route> routes, DispatchOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.routes = List.copyOf(routes);
        this.options = Objects.requireNonNull(options, "options");
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("a dispatcher needs at least one route");
        }
        Set<String> names = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Route route : this.routes) {
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("two routes are named '" + route.name() + "'; rename one with withName");
            }
            if (!seen.add(route.pattern())) {
                throw new IllegalArgumentException("two routes serve the pattern '" + route.pattern() + "'");
            }
            if (route instanceof CommandRoute<?, ?, ?> command) {
                decoders.put(route, decoderOf(command));
            }
        }
        this.patterns = this.routes.stream().map(route -> new SubjectPattern(route.pattern())).toList();
        Turns turns = new Turns(1024);
        this.aggregates = new Aggregates(store, new AggregateCache(options.cacheSize()), options.recentCommands());
        this.commands = new Commands(store, aggregates, turns, options);
        this.queries = new Queries(aggregates, turns, options);
    }

    /**
     * A dispatcher of routes over a store.
     *
     * @throws IllegalArgumentException when there are no routes, or two share a name or a pattern
     */
    public static Dispatcher of(EventStore store, List<? extends Route> routes, DispatchOptions options) {
        return new Dispatcher(store, routes, options);
    }

    /** A dispatcher with {@link DispatchOptions#defaults()}. */
    public static Dispatcher of(EventStore store, List<? extends Route> routes) {
        return new Dispatcher(store, routes, DispatchOptions.defaults());
    }

    /**
     * Serves one request on the first route whose pattern matches its subject. Never throws for
     * anything a request holds: every outcome is a {@link Reply}.
     */
    public Reply dispatch(Request request) {
        return dispatch(request, null);
    }

    /** Serves one request on the first matching route; stream routes need {@code streams}. */
    Reply dispatch(Request request, LiveStreams streams) {
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matches(request.subject())) {
                return dispatch(routes.get(i), request, streams);
            }
        }
        return new Failure(Failure.NOT_FOUND, "unknown service operation");
    }

    /** Serves one request on a given route (the runner knows it from the endpoint). */
    Reply dispatch(Route route, Request request) {
        return dispatch(route, request, null);
    }

    /** Serves one request on a given route; stream routes need {@code streams} (else 501). */
    Reply dispatch(Route route, Request request, LiveStreams streams) {
        try {
            if (request.body().length > options.maxBodyBytes()) {
                return new Failure(Failure.TOO_LARGE, "request body is " + request.body().length
                        + " bytes, over the limit of " + options.maxBodyBytes() + " bytes");
            }
            checkTokens(request);
            return switch (route) {
                case CommandRoute<?, ?, ?> command -> command(command, request);
                case QueryRoute<?, ?> query -> queries.handle(query, request);
                case StreamRoute stream -> streams != null ? streams.start(stream, request)
                        : new Failure(Failure.NOT_IMPLEMENTED, "stream route '" + stream.name()
                                + "' needs JetStream: serve it with ServiceRunner");
            };
        } catch (BadRequestException e) {
            return Failure.badRequest(e.getMessage());
        } catch (Rejection e) {
            return Failure.rejected(e.getMessage());
        } catch (EventStoreException e) {
            String reference = NUID.nextGlobal();
            LOG.log(System.Logger.Level.WARNING, "event store failed on " + request.subject() + " (reference "
                    + reference + ")", e);
            return new Failure(Failure.INTERNAL, "event store error, try again (reference " + reference + ")");
        } catch (RuntimeException e) {
            String reference = NUID.nextGlobal();
            LOG.log(System.Logger.Level.ERROR, "internal error on " + request.subject() + " (reference "
                    + reference + ")", e);
            return new Failure(Failure.INTERNAL, "internal error (reference " + reference + ")");
        }
    }

    /** The routes, in the order they are matched. */
    public List<Route> routes() {
        return routes;
    }

    /** The event store. */
    public EventStore store() {
        return store;
    }

    /** The options. */
    public DispatchOptions options() {
        return options;
    }

    /**
     * Drops every cached aggregate, so that the next request on each loads it in full. Correct at
     * any time; for tests and operations, not needed in normal running.
     */
    public void clearCache() {
        aggregates.forgetAll();
    }

    @SuppressWarnings("unchecked")
    private <C, E, S> Reply command(CommandRoute<C, E, S> route, Request request) {
        return commands.handle(route, (CommandDecoder<C>) decoders.get(route), request);
    }

    private <C> CommandDecoder<C> decoderOf(CommandRoute<C, ?, ?> route) {
        return route.decoder() != null ? route.decoder() : JsonBodies.decoder(options.json(), route.commandType());
    }

    private static void checkTokens(Request request) {
        List<String> tokens = request.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (!Subjects.isToken(tokens.get(i))) {
                throw new BadRequestException("request subject token " + i + " must be one subject token "
                        + "(not empty, no '.', '*', '>' or whitespace), was '" + Ids.shorten(tokens.get(i)) + "'");
            }
        }
    }
}
