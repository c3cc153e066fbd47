package com.example.shows;

import com.example.shows.ShowCommand.CancelReservation;
import com.example.shows.ShowCommand.ReserveSeat;
import com.example.shows.ShowEvent.ReservationCancelled;
import com.example.shows.ShowEvent.SeatReserved;
import io.rita.decider.Decider;
import io.rita.decider.Rejection;

import java.util.List;

/** The box office's rules: a seat is taken once, and a show has {@value #CAPACITY} seats. */
public final class Shows implements Decider<ShowCommand, ShowEvent, Show> {

    /** Seats per show. */
    public static final int CAPACITY = 100;

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
