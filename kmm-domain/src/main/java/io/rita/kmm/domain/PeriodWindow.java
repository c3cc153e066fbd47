package io.rita.kmm.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One window of a budget {@link Period}: from {@code start} (inclusive) to {@code end}
 * (exclusive), as instants.
 *
 * <pre>{@code
 * PeriodWindow minute = Period.MINUTELY.windowAt(Instant.parse("2022-05-30T13:45:20Z"), ZoneOffset.UTC);
 * minute.start();   // 2022-05-30T13:45:00Z
 * minute.end();     // 2022-05-30T13:46:00Z
 * }</pre>
 *
 * @param start the first instant of the window
 * @param end the first instant after the window, which is the start of the next one
 */
public record PeriodWindow(Instant start, Instant end) {

    /**
     * Checks that the window is not empty.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}
     */
    public PeriodWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after its start " + start);
        }
    }

    /** Whether {@code time} lies in this window. */
    public boolean contains(Instant time) {
        return !time.isBefore(start) && time.isBefore(end);
    }
}
