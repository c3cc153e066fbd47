package com.example.shows;

import com.example.shows.ShowEvent.SeatReserved;
import io.rita.service.CommandRoutes;
import io.rita.test.HandlerFixture;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The service's wiring (subjects, JSON bodies, the retry after a conflict) on an in-memory store. */
class ShowsHandlerTest {

    private final HandlerFixture box = HandlerFixture.of(TypeRegistry.scan("com.example.shows"), List.of("shows.events.>"),
            CommandRoutes.of("shows.services.*", ShowCommand.class, req -> "shows.events." + req.token(2), new Shows())
                    .routes());

    @Test
    void a_reservation_is_stored_on_the_shows_subject() {
        box.when("shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}")
                .thenStored("shows.events.gala", new SeatReserved("A1", "ann"));
    }

    @Test
    void a_seat_taken_by_another_writer_meanwhile_is_refused_on_the_retry() {
        box.when("shows.services.gala.reserve-seat", "{\"seat\":\"A1\",\"guest\":\"ann\"}")
                .concurrently("shows.events.gala", new SeatReserved("A1", "bob"))
                .thenRejected("seat A1 is taken");
    }
}
