package io.rita.kmm.domain;

import io.rita.decider.Rejection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The length of a budget period: the calendar window within which withdrawals add up
 * against a budget's max amount.
 *
 * <pre>{@code
 * Period period = Period.parse("weekly");                     // WEEKLY
 * PeriodWindow week = period.windowAt(now, ZoneId.of("Europe/Berlin"));
 * period.toString();                                          // "weekly", the wire name
 * }</pre>
 *
 * <p>Windows are computed on the local calendar of a time zone with {@link ZonedDateTime}, so a
 * day that changes to or from daylight-saving time lasts 23 or 25 hours:
 * <ul>
 *   <li>{@link #MINUTELY}: the clock minute, {@code hh:mm:00} to the next minute;</li>
 *   <li>{@link #DAILY}: local midnight to the next midnight;</li>
 *   <li>{@link #WEEKLY}: Monday 00:00 to the next Monday; on a Sunday the window is the one that
 *       started on the Monday <em>before</em>;</li>
 *   <li>{@link #MONTHLY}: the 1st at 00:00 to the 1st of the next month.</li>
 * </ul>
 * Where midnight does not exist in a zone (a daylight-saving gap at 00:00), the window starts at
 * the first valid time of that day.
 *
 * <p>{@link #toString()} is the wire name ({@code minutely}, {@code daily}, {@code weekly},
 * {@code monthly}); a JSON mapper that reads and writes enums by {@code toString()} gets the
 * wire format without annotations in the domain.
 */
public enum Period {
    /** The current clock minute; for demos. */
    MINUTELY("minutely"),
    /** From local midnight. */
    DAILY("daily"),
    /** From Monday 00:00 local time. */
    WEEKLY("weekly"),
    /** From the 1st of the month at 00:00 local time. */
    MONTHLY("monthly");

    /** The rejection text for a period name that is none of the four. */
    public static final String INVALID = "kmm: period must be minutely, daily, weekly, monthly";

    private final String wireName;

    Period(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The period with the given wire name; case and surrounding blanks are ignored.
     *
     * @throws Rejection with {@link #INVALID} when the name is null or not one of the four
     */
    public static Period parse(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (Period period : values()) {
                if (period.wireName.equals(wanted)) {
                    return period;
                }
            }
        }
        throw new Rejection(INVALID);
    }

    /** The name on the wire and on the command line, e.g. {@code "minutely"}. */
    public String wireName() {
        return wireName;
    }

    /** The window of this period that contains {@code time}, on the calendar of {@code zone}. */
    public PeriodWindow windowAt(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        return switch (this) {
            // Truncation works on the local time line, plusMinutes on the instant line: one
            // minute is always 60 seconds, also inside a daylight-saving overlap.
            case MINUTELY -> {
                ZonedDateTime start = local.truncatedTo(ChronoUnit.MINUTES);
                yield new PeriodWindow(start.toInstant(), start.plusMinutes(1).toInstant());
            }
            case DAILY -> days(local.toLocalDate(), local.toLocalDate().plusDays(1), zone);
            case WEEKLY -> {
                LocalDate monday = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield days(monday, monday.plusWeeks(1), zone);
            }
            case MONTHLY -> {
                LocalDate first = local.toLocalDate().withDayOfMonth(1);
                yield days(first, first.plusMonths(1), zone);
            }
        };
    }

    private static PeriodWindow days(LocalDate first, LocalDate next, ZoneId zone) {
        // atStartOfDay, not atTime(00:00): it moves to the first valid time when midnight
        // falls into a daylight-saving gap.
        return new PeriodWindow(first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant());
    }

    /** The wire name, e.g. {@code "daily"}. */
    @Override
    public String toString() {
        return wireName;
    }
}
