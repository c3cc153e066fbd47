package io.rita.client;

import io.nats.client.Connection;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.service.BadRequestException;
import io.rita.service.CommandRoutes;
import io.rita.service.Counting;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.Request;
import io.rita.service.Route;
import io.rita.service.ServiceOptions;
import io.rita.service.ServiceRunner;
import io.rita.types.TypeRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A small real service for the client's tests: tallies that count up to {@value #LIMIT}, on a
 * JetStream store of its own (counted, with a hook before each append), hosted by a
 * {@link ServiceRunner}.
 *
 * <p>Subjects, for a service named {@code n}: requests {@code n.services.<tally>.<operation>}
 * (add, total, watch; busy: a stream route that takes one stream at most), events
 * {@code n.events.<tally>}, live streams {@code n.streams.<id>}.
 */
final class Tally implements AutoCloseable {

    record Add(int n) {
    }

    record Added(int n) {
    }

    /** A tally's state, and the reply of {@code add} and {@code total}. */
    record Total(int value, int adds) {
    }

    static final int LIMIT = 100;

    static final TypeRegistry TYPES = TypeRegistry.builder().add("added", Added.class).build();

    static final Decider<Add, Added, Total> DECIDER = Decider.of(new Total(0, 0),
            (total, add) -> {
                if (total.value() + add.n() > LIMIT) {
                    throw new Rejection("tally: limit is " + LIMIT);
                }
                return List.of(new Added(add.n()));
            },
            (total, added) -> new Total(total.value() + added.n(), total.adds() + 1));

    final String name;
    final JetStreamEventStore store;
    final Counting counting;
    final ServiceRunner runner;

    private Tally(String name, JetStreamEventStore store, Counting counting, ServiceRunner runner) {
        this.name = name;
        this.store = store;
        this.counting = counting;
        this.runner = runner;
    }

    /** Starts the service {@code name} on {@code nats}, with default dispatch options. */
    static Tally start(Connection nats, String name) {
        return start(nats, name, DispatchOptions.defaults());
    }

    /** Starts the service {@code name} on {@code nats}. */
    static Tally start(Connection nats, String name, DispatchOptions options) {
        JetStreamEventStore store = Rita.of(nats, RitaOptions.defaults().withTypes(TYPES))
                .eventStore(StoreConfig.of(name).withSubjects(name + ".events.>"));
        store.create();
        Counting counting = new Counting(store);
        Function<Request, String> tally = req -> name + ".events." + req.token(2);
        List<Route> routes = new ArrayList<>(CommandRoutes.of(name + ".services.*", Add.class,
                        (req, add) -> name + ".events." + req.token(2), DECIDER)
                .withReply((total, events) -> total)
                .routes());
        routes.addAll(List.of(
                Route.query(name + ".services.*.total", tally, DECIDER, (total, req) -> {
                    if (req.token(2).equals("secret")) {
                        throw new Rejection("tally: secret is not for you");
                    }
                    if (req.body().length > 0) {
                        throw new BadRequestException("total takes no body");
                    }
                    return total;
                }),
                Route.stream(name + ".services.*.watch", tally, name + ".streams", Duration.ofSeconds(1), 1_000),
                Route.stream(name + ".services.*.busy", tally, name + ".busy", Duration.ofSeconds(1), 1)
                        .withName("busy")));
        ServiceRunner runner = ServiceRunner.start(nats, Dispatcher.of(counting, routes, options),
                ServiceOptions.of(name, "1.0.0", "tallies for the client's tests").withFallback(name + ".services.>"));
        return new Tally(name, store, counting, runner);
    }

    /** The request subject of an operation on a tally. */
    String subject(String tally, String operation) {
        return name + ".services." + tally + "." + operation;
    }

    /** The store subject of a tally. */
    String events(String tally) {
        return name + ".events." + tally;
    }

    /** The live streams' delivery prefix. */
    String streams() {
        return name + ".streams";
    }

    /** The tally's stored events. */
    List<StoredEvent> stored(String tally) {
        return store.load(events(tally)).events();
    }

    @Override
    public void close() {
        runner.close();
        store.delete();
    }
}
