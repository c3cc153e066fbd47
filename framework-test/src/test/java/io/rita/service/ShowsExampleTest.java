package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.rita.aggregate.CommandOptions;
import io.rita.aggregate.Folded;
import io.rita.client.ClientOptions;
import io.rita.client.CommandResult;
import io.rita.client.LiveStream;
import io.rita.client.ServiceClient;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.StoredEvent;
import io.rita.test.nats.NatsServerExtension;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The complete example of docs/programming-model.md, run as written. Keep the two in step. */
class ShowsExampleTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    // ---- the domain: records and one decider; nothing from NATS ----

    sealed interface ShowCommand permits ReserveSeat, CancelReservation {
    }

    record ReserveSeat(String seat, String guest) implements ShowCommand {
    }

    record CancelReservation(String seat) implements ShowCommand {
    }

    sealed interface ShowEvent permits SeatReserved, ReservationCancelled {
    }

    record SeatReserved(String seat, String guest) implements ShowEvent {
    }

    record ReservationCancelled(String seat) implements ShowEvent {
    }

    /** Who sits where. */
    record Show(Map<String, String> guests) {
        static final Show EMPTY = new Show(Map.of());

        Show with(String seat, String guest) {
            Map<String, String> next = new HashMap<>(guests);
            next.put(seat, guest);
            return new Show(Map.copyOf(next));
        }

        Show without(String seat) {
            Map<String, String> next = new HashMap<>(guests);
            next.remove(seat);
            return new Show(Map.copyOf(next));
        }
    }

    static final class Shows implements Decider<ShowCommand, ShowEvent, Show> {
        static final int CAPACITY = 100;

        @Override
        public Show initialState() {
            return Show.EMPTY;
        }

        @Override
        public List<ShowEvent> decide(Show show, ShowCommand command) {
            return switch (command) {
                case ReserveSeat r when show.guests().containsKey(r.seat()) ->
                        throw new Rejection("shows: seat " + r.seat() + " is taken");
                case ReserveSeat r when show.guests().size() >= CAPACITY -> throw new Rejection("shows: sold out");
                case ReserveSeat r -> List.of(new SeatReserved(r.seat(), r.guest()));
                case CancelReservation c when !show.guests().containsKey(c.seat()) -> List.of();
                case CancelReservation c -> List.of(new ReservationCancelled(c.seat()));
            };
        }

        @Override
        public Show evolve(Show show, ShowEvent event) {
            return switch (event) {
                case SeatReserved e -> show.with(e.seat(), e.guest());
                case ReservationCancelled e -> show.without(e.seat());
            };
        }
    }

    record FreeSeats(int free, List<String> taken) {
    }

    // ---- the service: routes on a store, hosted by a runner ----

    /** The same registry as the service's, for the client to decode the live stream. */
    static final TypeRegistry TYPES = TypeRegistry.builder()
            .add("seat-reserved", SeatReserved.class)
            .add("reservation-cancelled", ReservationCancelled.class)
            .build();

    static ServiceRunner serve(Connection nats) {
        TypeRegistry types = TypeRegistry.builder()
                .add("seat-reserved", SeatReserved.class)
                .add("reservation-cancelled", ReservationCancelled.class)
                .build();
        JetStreamEventStore store = Rita.of(nats, RitaOptions.defaults().withTypes(types))
                .eventStore(StoreConfig.of("shows").withSubjects("shows.events.>"));
        store.ensure();

        Shows shows = new Shows();
        Function<Request, String> showOf = req -> "shows.events." + req.token(2);
        List<Route> routes = new ArrayList<>(CommandRoutes.of("shows.services.*", ShowCommand.class, showOf, shows)
                .routes());                                   // reserve-seat, cancel-reservation
        routes.add(QueryRoute.of("shows.services.*.free-seats", showOf, shows,
                (show, req) -> new FreeSeats(Shows.CAPACITY - show.guests().size(),
                        show.guests().keySet().stream().sorted().toList())));
        routes.add(StreamRoute.of("shows.services.*.watch", showOf, "shows.streams"));

        Dispatcher dispatcher = Dispatcher.of(store, routes, DispatchOptions.defaults());
        return ServiceRunner.start(nats, dispatcher,
                ServiceOptions.of("shows", "1.0.0", "Seat reservations").withFallback("shows.services.>"));
    }

    // ---- a client: the framework's, records in, typed results out ----

    @Test
    void runs_as_documented() {
        ServiceRunner runner = serve(nats.connection());
        ClientOptions options = ClientOptions.defaults().withTypes(TYPES);   // types: to decode live streams
        try (ServiceClient shows = ServiceClient.connect(new Options.Builder().server(nats.url()), options)) {
            CommandResult reserved = shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "ann"),
                    CommandOptions.defaults().withCommandId("ann-a1"));
            CommandResult again = shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "ann"),
                    CommandOptions.defaults().withCommandId("ann-a1"));
            CommandResult taken = shows.send("shows.services.gala.reserve-seat", new ReserveSeat("A1", "bob"));
            Folded<FreeSeats> free = shows.query("shows.services.gala.free-seats", FreeSeats.class);
            CommandResult bad = shows.send("shows.services.gala.reserve-seat", Map.of("seat", "A2"));
            CommandResult unknown = shows.send("shows.services.gala.sing", new byte[0]);
            Optional<StoredEvent> first;
            try (LiveStream events = shows.stream("shows.services.gala.watch", "shows.streams")) {
                first = events.poll(Duration.ofSeconds(10));
            }

            assertThat(reserved).isEqualTo(new CommandResult.Accepted("ann-a1", 1, new byte[0]));
            assertThat(again).isEqualTo(reserved);
            assertThat(taken).isEqualTo(new CommandResult.Rejected(taken.commandId(), "shows: seat A1 is taken"));
            assertThat(free).isEqualTo(new Folded<>(new FreeSeats(99, List.of("A1")), 1));
            assertThat(bad).isEqualTo(new CommandResult.BadRequest(bad.commandId(),
                    "bad request body: field 'guest' is missing or null"));
            assertThat(unknown).isEqualTo(new CommandResult.NotFound(unknown.commandId(), "unknown service operation"));
            assertThat(first).map(StoredEvent::data).contains(new SeatReserved("A1", "ann"));
        } finally {
            runner.close();
        }
    }
}
