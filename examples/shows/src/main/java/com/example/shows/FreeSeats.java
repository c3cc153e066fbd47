package com.example.shows;

import java.util.List;

/**
 * The answer of the free-seats query.
 *
 * @param free  how many seats are free
 * @param taken the reserved seats, sorted
 */
public record FreeSeats(int free, List<String> taken) {

    /** The free seats of a show. */
    public static FreeSeats of(Show show) {
        return new FreeSeats(Shows.CAPACITY - show.guests().size(), show.guests().keySet().stream().sorted().toList());
    }
}
