package io.rita.test;

import io.rita.eventstore.StoreConfig;
import io.rita.service.DispatchOptions;
import io.rita.service.Request;
import io.rita.service.Route;
import io.rita.test.memory.InMemoryEventStore;
import io.rita.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Given/when/then scenarios for routes: a request goes through the production
 * {@link io.rita.service.Dispatcher} against an in-memory store, and the reply and the stored
 * events come out.
 *
 * <pre>{@code
 * HandlerFixture counters = HandlerFixture.of(types, List.of("counters.>"), clock -> List.of(
 *         Route.command("counters.*.add", Add.class, (req, command) -> "counters." + req.token(1), new CounterDecider(clock))));
 *
 * counters.given("counters.c1", new Added(4, NOW))
 *         .when("counters.c1.add", "{\"amount\":3}")
 *         .thenStored("counters.c1", new Added(3, NOW));
 *
 * // another writer appends between the handler's load and its append: the handler must retry
 * counters.given("counters.c1", new Added(4, NOW))
 *         .when("counters.c1.add", "{\"amount\":3}")
 *         .concurrently("counters.c1", new Added(5, NOW))
 *         .thenRejected("counter: limit is 10");
 * }</pre>
 *
 * <p>Every scenario gets a fresh {@link io.rita.test.memory.InMemoryEventStore} that binds the
 * subjects the fixture names, as the production stream does (so a route whose aggregate lies
 * outside them fails here as it would on NATS); a fresh dispatcher (so no cache carries over);
 * a clock fixed at {@link DeciderFixture#DEFAULT_TIME} in UTC unless {@link #at} says
 * otherwise; command ids {@code command-1}, {@code command-2}, ... for requests that carry
 * none; and no pause between retries. The routes are built per scenario from its
 * clock, so deciders that read the time see the scenario's. No NATS, no threads, no files.
 * A fixture is immutable; share it between tests.
 */
public final class HandlerFixture {

    private final TypeRegistry types;
    private final List<String> subjects;
    private final Function<Clock, ? extends List<? extends Route>> routes;
    private final UnaryOperator<DispatchOptions> dispatch;
    private final Clock clock;

    private HandlerFixture(TypeRegistry types, List<String> subjects,
                           Function<Clock, ? extends List<? extends Route>> routes,
                           UnaryOperator<DispatchOptions> dispatch, Clock clock) {
        this.types = types;
        this.subjects = subjects;
        this.routes = routes;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /**
     * A fixture for routes whose deciders need no clock.
     *
     * @param types    encodes the events
     * @param subjects the subjects the store binds, as the production stream's, e.g. {@code List.of("orders.>")}
     * @param routes   the routes, as registered for the service runner
     * @throws IllegalArgumentException when {@code subjects} is empty or holds an invalid subject
     */
    public static HandlerFixture of(TypeRegistry types, List<String> subjects, List<? extends Route> routes) {
        List<? extends Route> copy = List.copyOf(routes);
        return of(types, subjects, clock -> copy);
    }

    /**
     * A fixture that builds the routes from the scenario's clock.
     *
     * @param types    encodes the events
     * @param subjects the subjects the store binds, as the production stream's, e.g. {@code List.of("orders.>")}
     * @param routes   builds the routes, as registered for the service runner, from the scenario's clock
     * @throws IllegalArgumentException when {@code subjects} is empty or holds an invalid subject
     */
    public static HandlerFixture of(TypeRegistry types, List<String> subjects,
                                    Function<Clock, ? extends List<? extends Route>> routes) {
        Objects.requireNonNull(types, "types");
        // the store checks the subjects now, so that a bad list fails where the fixture is made
        List<String> bound = StoreConfig.of(HandlerScenario.STORE).withSubjects(subjects.toArray(String[]::new)).subjects();
        return new HandlerFixture(types, bound, Objects.requireNonNull(routes, "routes"),
                UnaryOperator.identity(), Clock.fixed(DeciderFixture.DEFAULT_TIME, ZoneOffset.UTC));
    }

    /**
     * This fixture with dispatch options adjusted, e.g. {@code o -> o.withJson(mapper)}; they start
     * from the defaults with the fixture's clock and ids and no backoff.
     */
    public HandlerFixture withDispatchOptions(UnaryOperator<DispatchOptions> adjust) {
        Objects.requireNonNull(adjust, "adjust");
        return new HandlerFixture(types, subjects, routes, o -> adjust.apply(dispatch.apply(o)), clock);
    }

    /** This fixture with the clock fixed at {@code now}, in the fixture's current zone. */
    public HandlerFixture at(Instant now) {
        return new HandlerFixture(types, subjects, routes, dispatch, Clock.fixed(now, clock.getZone()));
    }

    /** This fixture with the clock fixed at {@code now}, in {@code now}'s zone. */
    public HandlerFixture at(ZonedDateTime now) {
        return new HandlerFixture(types, subjects, routes, dispatch, Clock.fixed(now.toInstant(), now.getZone()));
    }

    /** The fixed clock that scenarios of this fixture run with. */
    public Clock clock() {
        return clock;
    }

    /** Starts a scenario with events already stored on {@code subject}, one append each. */
    public HandlerGiven given(String subject, Object... events) {
        return new HandlerGiven(this, List.of()).given(subject, events);
    }

    /** Starts a scenario with an empty store and this request. */
    public HandlerWhen when(Request request) {
        return new HandlerGiven(this, List.of()).when(request);
    }

    /** Starts a scenario with an empty store and a request with this subject and UTF-8 body. */
    public HandlerWhen when(String subject, String body) {
        return when(Request.of(subject, body.getBytes(StandardCharsets.UTF_8)));
    }

    HandlerScenario scenario(List<HandlerScenario.Appended> given, Request request) {
        return new HandlerScenario(types, subjects, routes, dispatch, clock, given, request, List.of());
    }
}
