package io.rita.service;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.test.nats.NatsServerExtension;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    // ---- a client ----

    private static Message send(Connection nats, String subject, String body, String commandId) throws Exception {
        Headers headers = new Headers();
        if (commandId != null) {
            headers.put(ServiceHeaders.COMMAND_ID, commandId);
        }
        return nats.request(NatsMessage.builder().subject(subject).headers(headers)
                .data(body.getBytes(StandardCharsets.UTF_8)).build(), Duration.ofSeconds(5));
    }

    private static String text(Message reply) {
        return new String(reply.getData(), StandardCharsets.UTF_8);
    }

    private static String code(Message reply) {
        return reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ServiceHeaders.SERVICE_ERROR_CODE);
    }

    @Test
    void runs_as_documented() throws Exception {
        Connection client = nats.connect();
        ServiceRunner runner = serve(nats.connection());
        try {
            Message reserved = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}", "ann-a1");
            Message again = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}", "ann-a1");
            Message taken = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"bob\"}", null);
            Message free = send(client, "shows.services.gala.free-seats", "", null);
            Message unknown = send(client, "shows.services.gala.sing", "", null);
            Message bad = send(client, "shows.services.gala.reserve-seat", "{\"seat\":\"A2\"}", null);

            assertThat(code(reserved)).isNull();
            assertThat(reserved.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo("1");
            assertThat(code(again)).isNull();
            assertThat(again.getHeaders().getFirst(ServiceHeaders.SEQUENCE)).isEqualTo("1");
            assertThat(text(taken)).isEqualTo("shows: seat A1 is taken");
            assertThat(code(taken)).isEqualTo("400");
            assertThat(text(free)).isEqualTo("{\"free\":99,\"taken\":[\"A1\"]}");
            assertThat(text(unknown)).isEqualTo("unknown service operation");
            assertThat(code(unknown)).isEqualTo("404");
            assertThat(text(bad)).isEqualTo("bad request body: field 'guest' is missing or null");
        } finally {
            runner.close();
        }
    }
}
