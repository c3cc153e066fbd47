package com.example.shows;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.service.CommandRoutes;
import io.rita.service.Dispatcher;
import io.rita.service.Request;
import io.rita.service.Route;
import io.rita.service.ServiceOptions;
import io.rita.service.ServiceRunner;
import io.rita.types.TypeRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The box office as a NATS service: {@code shows.services.<show>.reserve-seat},
 * {@code .cancel-reservation}, {@code .free-seats} and {@code .watch} (the show's events, live,
 * to {@code shows.streams.<id>}), the events in the stream {@code shows}.
 * Run it with {@code mvn exec:java} against a {@code nats-server -js} at {@code NATS_URL}.
 */
public final class ShowsService {

    private ShowsService() {
    }

    /** Starts serving on {@code nats}; {@link ServiceRunner#closeAndDrain} stops it. */
    public static ServiceRunner start(Connection nats) {
        JetStreamEventStore store = Rita.of(nats, RitaOptions.defaults().withTypes(TypeRegistry.scan("com.example.shows")))
                .eventStore(StoreConfig.of("shows").withSubjects("shows.events.>"));
        store.ensure();

        Shows shows = new Shows();
        Function<Request, String> showOf = req -> "shows.events." + req.token(2);
        List<Route> routes = new ArrayList<>(CommandRoutes.of("shows.services.*", ShowCommand.class, showOf, shows)
                .routes());
        routes.add(Route.query("shows.services.*.free-seats", showOf, shows, (show, req) -> FreeSeats.of(show)));
        routes.add(Route.stream("shows.services.*.watch", showOf, "shows.streams"));   // the events, live

        return ServiceRunner.start(nats, Dispatcher.of(store, routes),
                ServiceOptions.of("shows", "1.0.0", "Seat reservations").withFallback("shows.services.>"));
    }

    /** Serves until the process is stopped (Ctrl-C). */
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
        Connection nats = Nats.connect(new Options.Builder().server(url).maxReconnects(-1).build());
        ServiceRunner runner = start(nats);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.closeAndDrain(Duration.ofSeconds(5));   // finish the requests in flight, then close
            stopped.countDown();
        }));
        System.out.println("shows: serving on " + url + " (Ctrl-C stops)");
        stopped.await();
    }
}
