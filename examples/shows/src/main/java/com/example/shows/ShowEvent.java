package com.example.shows;

import io.rita.types.EventType;

/** What happened to a show; the names are what the events are stored under. */
public sealed interface ShowEvent {

    /** A seat was reserved. */
    @EventType("seat-reserved")
    record SeatReserved(String seat, String guest) implements ShowEvent {
    }

    /** A reservation was cancelled. */
    @EventType("reservation-cancelled")
    record ReservationCancelled(String seat) implements ShowEvent {
    }
}
