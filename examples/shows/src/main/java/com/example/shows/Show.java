package com.example.shows;

import java.util.HashMap;
import java.util.Map;

/**
 * A show's state: who sits where.
 *
 * @param guests the guest on each reserved seat
 */
public record Show(Map<String, String> guests) {

    /** A show nobody has reserved a seat for. */
    public static final Show EMPTY = new Show(Map.of());

    public Show {
        guests = Map.copyOf(guests);
    }

    /** This show with one more reservation. */
    public Show with(String seat, String guest) {
        Map<String, String> next = new HashMap<>(guests);
        next.put(seat, guest);
        return new Show(next);
    }

    /** This show with a seat free again. */
    public Show without(String seat) {
        Map<String, String> next = new HashMap<>(guests);
        next.remove(seat);
        return new Show(next);
    }
}
