package com.example.shows;

import com.example.shows.ShowCommand.CancelReservation;
import com.example.shows.ShowCommand.ReserveSeat;
import com.example.shows.ShowEvent.ReservationCancelled;
import com.example.shows.ShowEvent.SeatReserved;
import io.rita.test.DeciderFixture;
import org.junit.jupiter.api.Test;

/** The rules, given/when/then: no NATS, microseconds per scenario. */
class ShowsTest {

    private final DeciderFixture<ShowCommand, ShowEvent, Show> shows = DeciderFixture.of(new Shows());

    @Test
    void reserves_a_free_seat() {
        shows.given(new SeatReserved("A1", "ann"))
                .when(new ReserveSeat("A2", "bob"))
                .then(new SeatReserved("A2", "bob"));
    }

    @Test
    void refuses_a_taken_seat() {
        shows.given(new SeatReserved("A1", "ann"))
                .when(new ReserveSeat("A1", "bob"))
                .thenRejected("seat A1 is taken");
    }

    @Test
    void cancelling_a_free_seat_changes_nothing() {
        shows.when(new CancelReservation("A1")).thenNothing();
    }

    @Test
    void a_cancelled_seat_can_be_reserved_again() {
        shows.given(new SeatReserved("A1", "ann"), new ReservationCancelled("A1"))
                .when(new ReserveSeat("A1", "bob"))
                .then(new SeatReserved("A1", "bob"));
    }
}
