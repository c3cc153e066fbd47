package io.rita.kmm.service.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the original prints them, Go's {@code time.ANSIC} in the local zone:
 * {@code Mon May 30 13:41:53 2022} (the day of month padded with a space: {@code Mon May  2 ...}).
 */
final class TerminalTime {

    private static final DateTimeFormatter ANSIC = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private TerminalTime() {
    }

    static String format(Instant time, ZoneId zone) {
        return ANSIC.format(time.atZone(zone));
    }
}
