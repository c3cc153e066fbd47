package io.rita.kmm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The withdrawals of the latest window of one {@link Period} kind that saw a withdrawal.
 *
 * <pre>{@code
 * state.tally(Period.DAILY).map(PeriodTally::total);   // Optional[11.75]
 * }</pre>
 *
 * @param window the window
 * @param withdrawals how many withdrawals it saw, at least one
 * @param total the sum of their amounts
 */
public record PeriodTally(PeriodWindow window, long withdrawals, BigDecimal total) {

    /** Checks that no component is null. */
    public PeriodTally {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(total, "total");
    }

    /** The tally of a window whose first withdrawal is {@code amount}. */
    public static PeriodTally first(PeriodWindow window, BigDecimal amount) {
        return new PeriodTally(window, 1, amount);
    }

    /**
     * Whether a withdrawal at {@code time} counts toward this tally's window. A time before the
     * window (a clock that stepped back, or two services whose clocks differ slightly) counts
     * toward it too: tallies never move backwards, so clock skew cannot reopen a window that is
     * already spent.
     */
    public boolean continuesAt(Instant time) {
        return time.isBefore(window.end());
    }

    /** This tally with one more withdrawal of {@code amount}. */
    public PeriodTally plus(BigDecimal amount) {
        return new PeriodTally(window, withdrawals + 1, total.add(amount));
    }
}
