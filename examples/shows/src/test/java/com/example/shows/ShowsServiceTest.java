package com.example.shows;

import com.example.shows.ShowCommand.ReserveSeat;
import com.example.shows.ShowEvent.SeatReserved;
import io.nats.client.Options;
import io.rita.aggregate.CommandOptions;
import io.rita.aggregate.Folded;
import io.rita.client.ClientOptions;
import io.rita.client.CommandResult;
import io.rita.client.LiveStream;
import io.rita.client.ServiceClient;
import io.rita.eventstore.StoredEvent;
import io.rita.service.ServiceRunner;
import io.rita.test.nats.NatsServerExtension;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The service itself, on a real nats-server that the extension starts for this class, called with Rita's client. */
class ShowsServiceTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private ServiceRunner service;

    @BeforeEach
    void start() {
        service = ShowsService.start(nats.connection());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void reserves_refuses_answers_and_streams_over_nats() {
        ClientOptions options = ClientOptions.defaults().withTypes(TypeRegistry.scan("com.example.shows"));
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
        }
    }
}
