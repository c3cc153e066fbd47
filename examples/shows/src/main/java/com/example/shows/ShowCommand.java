package com.example.shows;

/** What a guest may ask of a show; one service endpoint per record: reserve-seat, cancel-reservation. */
public sealed interface ShowCommand {

    /** Reserve a seat for a guest. */
    record ReserveSeat(String seat, String guest) implements ShowCommand {
    }

    /** Give a reserved seat back. */
    record CancelReservation(String seat) implements ShowCommand {
    }
}
