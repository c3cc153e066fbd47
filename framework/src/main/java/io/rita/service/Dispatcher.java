package io.rita.service;

import io.nats.client.NUID;
import io.rita.aggregate.AggregateEngine;
import io.rita.aggregate.CommandReport;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.StoreUnavailableException;
import io.rita.eventstore.Subjects;
import io.rita.projection.ProjectionException;
import io.rita.projection.ProjectionStatus;
import io.rita.projection.ProjectionUnavailableException;
import io.rita.service.Reply.Failure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves requests on routes against an event store, without any transport: request in, reply
 * out. The {@link ServiceRunner} puts it on NATS; tests and the test kit call it directly. The
 * work itself is the {@link AggregateEngine}'s: one engine per decider of the routes, shared by
 * that decider's command and query routes (and their cache); the dispatcher reads requests and
 * writes replies.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.of(store, List.of(deposit, balance), DispatchOptions.defaults());
 * Reply reply = dispatcher.dispatch(Request.of("kmm.services.susie.deposit-funds", body));
 * }</pre>
 *
 * <h2>A command</h2>
 * <ol>
 *   <li>The body is at most {@link DispatchOptions#maxBodyBytes()} (else 413); a route matches the
 *       subject (else 404 {@code unknown service operation}); every subject token is one safe token,
 *       the id headers are well formed (else 400); the body decodes into the command and the
 *       aggregate subject is concrete (else 400).</li>
 *   <li>The engine handles it ({@link AggregateEngine#handle}) with the request's
 *       {@value ServiceHeaders#COMMAND_ID}, {@value ServiceHeaders#CORRELATION_ID},
 *       {@value ServiceHeaders#EXPECTED_SEQUENCE} and {@value ServiceHeaders#TRACEPARENT}.</li>
 *   <li>The outcome becomes the reply: accepted or a resend recognised: success with the route's
 *       body and {@value ServiceHeaders#SEQUENCE}; rejected: 400; conflict: 409 with the current
 *       sequence. A command id already used on another aggregate is a 400; events too large, 413.
 *       Once the events are stored the reply is a success: if the reply function throws, it is
 *       logged and the reply has the sequence and an empty body.</li>
 *   <li>A store that does not answer for now (no stream leader during an election, nats-server
 *       restarting: {@link StoreUnavailableException}) is a 503 that says the command may or may not
 *       be stored and is to be sent again with the same command id; a store that is not set up for
 *       it (no JetStream, no such store, a subject it does not take) is a 500 that says nothing was
 *       stored and sending again will not help ({@value ServiceHeaders#ERROR_KIND}
 *       {@value ServiceHeaders#STORE_SETUP}); other store failures are a 500 with a reference to
 *       the log.</li>
 * </ol>
 *
 * <h2>A query</h2>
 * The state comes from the engine of the route's view ({@link AggregateEngine#read}), topped up
 * from the store; with {@value ServiceHeaders#MIN_SEQUENCE} never from before that sequence
 * (read-your-writes; 503 when the store does not catch up in time).
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
    private final Map<Decider<?, ?, ?>, AggregateEngine<?, ?, ?>> engines = new IdentityHashMap<>();
    private final Map<Route, CommandEndpoint<?, ?, ?>> commands = new IdentityHashMap<>();
    private final Map<Route, QueryEndpoint<?, ?>> queries = new IdentityHashMap<>();
    private final Map<Route, ProjectionEndpoint<?>> projections = new IdentityHashMap<>();
    /** Per route, by name: command reports come back from the engine tagged with their route's name. */
    private final Map<String, RouteStatistics> statistics = new ConcurrentHashMap<>();
    /** Store failures as replies, logged once per aggregate or now and then rather than once per request. */
    private final StoreFailureReplies failures = new StoreFailureReplies();
    /** Lines about a projection that cannot be read for a reason every request meets (it stopped). */
    private final LogEvery projectionLog = new LogEvery(StoreFailureReplies.LOG_EVERY);

    private Dispatcher(EventStore store, List<? extends Route> routes, DispatchOptions options) {
        this.store = Objects.requireNonNull(store, "store");
        this.routes = List.copyOf(routes);
        this.options = Objects.requireNonNull(options, "options");
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("a dispatcher needs at least one route");
        }
        Set<String> names = new HashSet<>();
        List<SubjectPattern> compiled = new ArrayList<>();
        for (Route route : this.routes) {
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("two routes are named '" + route.name() + "'; rename one with withName");
            }
            statistics.put(route.name(), new RouteStatistics());
            compiled.add(new SubjectPattern(route.pattern()));
            switch (route) {
                case CommandRoute<?, ?, ?> command -> commands.put(route, bind(command));
                case QueryRoute<?, ?> query -> queries.put(route, bind(query));
                case ProjectionRoute<?> projection -> projections.put(route,
                        new ProjectionEndpoint<>(projection, options, statistics.get(route.name())));
                case StreamRoute stream -> { }
            }
        }
        this.patterns = List.copyOf(compiled);
        refuseOverlaps();
        for (int i = 0; i < this.routes.size(); i++) {
            Route route = this.routes.get(i);
            refuseInsideStore("route '" + route.name() + "'", patterns.get(i), false);
            if (route instanceof StreamRoute stream) {
                refuseInsideStore("the deliveries of stream route '" + stream.name() + "'",
                        new SubjectPattern(stream.deliverPrefix() + ".*"), true);
            }
        }
    }

    /**
     * Refuses subjects that the store's stream would take in: JetStream would store every request
     * there as a message on an aggregate's subject and answer it with its publish acknowledgement,
     * which a client takes for a success (while the service's real answer, a refusal perhaps, comes
     * second and is dropped); and it would store every delivery of a live stream.
     */
    private void refuseInsideStore(String what, SubjectPattern pattern, boolean deliveries) {
        if (!(store instanceof JetStreamEventStore jetStream)) {
            return; // no stream listens: an in-memory store takes nothing from NATS
        }
        for (String subject : jetStream.config().subjects()) {
            String common = pattern.commonSubject(new SubjectPattern(subject));
            if (common == null) {
                continue;
            }
            String name = jetStream.name();
            String overlap = "the subjects of store '" + name + "' (" + subject + ") take in " + what + " (" + pattern
                    + "): ";
            if (deliveries) {
                throw new IllegalArgumentException(overlap + "each delivery, such as " + common + ", would be stored in"
                        + " its stream; pick a delivery prefix outside the store's subjects");
            }
            throw new IllegalArgumentException(overlap + "a request to " + common + " would be stored in its stream,"
                    + " and JetStream's acknowledgement would answer it; keep requests and events apart: serve"
                    + " requests on subjects outside the store's (a new store can leave them free, e.g."
                    + " StoreConfig.of(\"" + name + "\").withSubjects(\"" + name + ".events.>\") beside "
                    + name + ".services.>; narrowing an existing store's subjects would strand its events)");
        }
    }

    /**
     * Refuses a fallback pattern (of the service runner) inside the store's subjects.
     *
     * @throws IllegalArgumentException when a subject of {@code fallback} lies inside the store's subjects
     */
    void refuseInsideStore(String fallback) {
        refuseInsideStore("the fallback", new SubjectPattern(fallback), false);
    }

    private <K, E, S> CommandEndpoint<K, E, S> bind(CommandRoute<K, E, S> route) {
        return new CommandEndpoint<>(route, engineOf(route.decider()), options);
    }

    private <E, S> QueryEndpoint<E, S> bind(QueryRoute<E, S> route) {
        return new QueryEndpoint<>(route, engineOf(route.view()), options, statistics.get(route.name()));
    }

    /** The engine of a decider: one per decider instance, so that its commands and queries share a cache. */
    @SuppressWarnings("unchecked") // keyed by the decider itself, whose engine is of its own type parameters
    private <C, E, S> AggregateEngine<C, E, S> engineOf(Decider<C, E, S> decider) {
        return (AggregateEngine<C, E, S>) engines.computeIfAbsent(decider,
                d -> AggregateEngine.of(store, decider, options.engine().withObserver(this::observe)));
    }

    /** Counts a command for its route, then hands the report to the observer the caller configured. */
    private void observe(CommandReport report) {
        RouteStatistics route = report.origin() == null ? null : statistics.get(report.origin());
        if (route != null) {
            route.record(report);
        }
        options.engine().observer().accept(report);
    }

    /**
     * What a route did so far, for the runner's {@code $SRV.STATS} data; for a projection route
     * also how the projection is doing: {@code projection_behind} (events not yet applied, -1 when
     * unknown), {@code projection_healthy} (0 while it is stopped on an event) and
     * {@code projection_version} (the version that answers), so that monitoring sees a read model
     * that fell behind or stopped; only {@code projection_behind} -1 when its bucket gave no answer.
     */
    Map<String, Long> statistics(Route route) {
        Map<String, Long> numbers = statistics.get(route.name()).snapshot();
        if (route instanceof ProjectionRoute<?> projection) {
            ProjectionStatus status;
            try {
                status = projection.views().status();
            } catch (ProjectionUnavailableException unanswered) {
                numbers.put("projection_behind", -1L); // its bucket did not answer: nothing known
                return numbers;
            } catch (RuntimeException e) {
                numbers.put("projection_healthy", 0L);
                return numbers;
            }
            numbers.put("projection_behind", status.behind());
            numbers.put("projection_healthy", status.healthy() ? 1L : 0L);
            try {
                numbers.put("projection_version", (long) projection.views().version());
            } catch (ProjectionUnavailableException notReady) {
                numbers.put("projection_version", 0L); // no version ready yet: being built
            } catch (RuntimeException e) {
                numbers.put("projection_healthy", 0L);
            }
        }
        return numbers;
    }

    /**
     * A dispatcher of routes over a store.
     *
     * @throws IllegalArgumentException when there are no routes, two share a name, two patterns
     *                                  match a common subject, a stream route's deliveries
     *                                  ({@code <prefix>.*}) could land on a route's pattern, or a
     *                                  pattern or deliveries lie inside the subjects of a JetStream
     *                                  store (its stream would store the requests and answer them)
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
        return serve(request, null);
    }

    /**
     * Serves one request on the first matching route, as the runner's fallback endpoint does;
     * stream routes need {@code streams}.
     */
    Reply serve(Request request, LiveStreams streams) {
        for (int i = 0; i < routes.size(); i++) {
            if (patterns.get(i).matches(request.subject())) {
                return serve(routes.get(i), request, streams);
            }
        }
        return new Failure(Failure.NOT_FOUND, "unknown service operation");
    }

    /**
     * Serves one request on a given route (the runner knows it from the endpoint); stream routes
     * need {@code streams} (else 501).
     */
    Reply serve(Route route, Request request, LiveStreams streams) {
        try {
            if (request.body().length > options.maxBodyBytes()) {
                return new Failure(Failure.TOO_LARGE, "request body is " + request.body().length
                        + " bytes, over the limit of " + options.maxBodyBytes() + " bytes");
            }
            checkTokens(request);
            if ((route instanceof QueryRoute<?, ?> || route instanceof ProjectionRoute<?>)
                    && request.header(ServiceHeaders.COMMAND_ID) != null) {
                // a command sent to a query's subject would be answered with the state, which its
                // sender takes for "accepted" though nothing was stored
                return Failure.badRequest("'" + route.name() + "' on " + request.subject() + " is a query: it"
                        + " stores nothing, and a request with a " + ServiceHeaders.COMMAND_ID + " is a command;"
                        + " send the command to its command route, or ask the query without a command id");
            }
            return switch (route) {
                case CommandRoute<?, ?, ?> command -> commands.get(command).serve(request);
                case QueryRoute<?, ?> query -> queries.get(query).serve(request);
                case ProjectionRoute<?> projection -> projections.get(projection).serve(request);
                case StreamRoute stream -> streams != null ? streams.start(stream, request)
                        : new Failure(Failure.NOT_IMPLEMENTED, "stream route '" + stream.name()
                                + "' needs JetStream: serve it with ServiceRunner");
            };
        } catch (BadRequestException e) {
            return Failure.badRequest(e.getMessage());
        } catch (Rejection e) {
            return Failure.rejected(e.getMessage());
        } catch (EventDecodingException e) {
            return failures.unreadable(request, e);
        } catch (StoreUnavailableException e) {
            return failures.unavailable(route, request, e);
        } catch (ProjectionUnavailableException e) {
            return new Failure(Failure.UNAVAILABLE, e.getMessage());
        } catch (ProjectionException e) {
            // The reason stays in the log: it may quote the projection function's exception, a
            // view's bytes or the server's address, none of them a caller's business (as with
            // any other internal error), while the projection's name tells an operator where to look.
            String unreadable = "projection " + e.projection() + " v" + e.version() + " cannot be read";
            if (e.getCause() == null) {
                // the projection's state (stopped, no JetStream), the same for every request until
                // it is fixed: a line every few seconds, not a stack trace per request
                int held = projectionLog.pass();
                if (held != LogEvery.HOLD) {
                    LOG.log(System.Logger.Level.ERROR, e.getMessage() + LogEvery.heldBack(held));
                }
                return new Failure(Failure.INTERNAL, unreadable + "; its status and the service's log say why");
            }
            String reference = NUID.nextGlobal();
            LOG.log(System.Logger.Level.ERROR, "cannot read projection " + e.projection() + " v" + e.version()
                    + " on " + request.subject() + " (reference " + reference + "): " + e.getMessage(), e);
            return new Failure(Failure.INTERNAL, unreadable + " (reference " + reference + " in the service's log)");
        } catch (EventStoreException e) {
            return failures.failed(route, request, e);
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
        engines.values().forEach(AggregateEngine::forgetAll);
    }

    /**
     * Takes a snapshot of each cached aggregate with events since its last one, in every engine
     * that keeps snapshots, and waits for them to be stored ({@link AggregateEngine#snapshotCached}):
     * for a graceful shutdown, which {@link ServiceRunner#close()} does.
     *
     * @return whether all were stored within {@code timeout}
     */
    public boolean snapshotCached(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean stored = true;
        for (AggregateEngine<?, ?, ?> engine : engines.values()) {
            stored &= engine.snapshotCached(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return stored;
    }

    /**
     * Refuses routes that a request could not be told apart by: two patterns matching one subject
     * (NATS would hand such a request to either endpoint of the queue group), and a stream
     * route's delivery subjects inside a route's pattern (a client could then aim events at an
     * endpoint, or a request at a live stream's subscriber).
     */
    private void refuseOverlaps() {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                String common = patterns.get(i).commonSubject(patterns.get(j));
                if (common != null) {
                    Route one = routes.get(i);
                    Route other = routes.get(j);
                    throw new IllegalArgumentException("routes '" + one.name() + "' (" + one.pattern() + ") and '"
                            + other.name() + "' (" + other.pattern() + ") overlap: " + common
                            + " matches both; make their patterns disjoint");
                }
            }
        }
        for (Route route : routes) {
            if (route instanceof StreamRoute stream) {
                for (int i = 0; i < routes.size(); i++) {
                    refuseDeliveriesInto(stream, "route '" + routes.get(i).name() + "'", patterns.get(i));
                }
            }
        }
    }

    /**
     * Refuses a fallback pattern (of the service runner) that takes in a stream route's deliveries.
     *
     * @throws IllegalArgumentException when {@code <prefix>.*} of a stream route matches a subject of {@code fallback}
     */
    void refuseDeliveriesInto(String fallback) {
        for (Route route : routes) {
            if (route instanceof StreamRoute stream) {
                refuseDeliveriesInto(stream, "the fallback", new SubjectPattern(fallback));
            }
        }
    }

    private static void refuseDeliveriesInto(StreamRoute stream, String what, SubjectPattern pattern) {
        String common = new SubjectPattern(stream.deliverPrefix() + ".*").commonSubject(pattern);
        if (common != null) {
            throw new IllegalArgumentException("stream route '" + stream.name() + "' delivers to "
                    + stream.deliverPrefix() + ".<id>, which " + what + " (" + pattern + ") also serves (e.g. " + common
                    + "); pick a delivery prefix outside every request pattern");
        }
    }

    private static void checkTokens(Request request) {
        if (Subjects.isConcrete(request.subject())) {
            return; // every token is one safe token: the common case, checked in one pass
        }
        int tokens = request.tokens().size();
        for (int i = 0; i < tokens; i++) {
            request.token(i); // throws for the first bad token, naming it
        }
    }
}
