package io.rita.bench.scale;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a nats-server start spent its time, read from the server's own log lines (each carries
 * a timestamp to the microsecond): from "Starting nats-server" to the restore of the store's
 * stream, the recovery of its consumers, and "Server is ready".
 *
 * <pre>{@code
 * String split = ServerLog.startup(server.output(), "kmm");
 * // "stream kmm restored 0.0-15.3 s (10,000,000 messages), its consumers 15.3-46.8 s, ready at 46.8 s"
 * }</pre>
 */
final class ServerLog {

    private static final Pattern LINE = Pattern.compile("^\\[\\d+] (\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}) "
            + "\\[\\w+] (.*)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS");

    private ServerLog() {
    }

    /** The phases of the last start in {@code output} for stream {@code stream}, in seconds from its first line. */
    static String startup(String output, String stream) {
        String[] lines = output.split("\n");
        int from = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("Starting nats-server")) {
                from = i;
            }
        }
        LocalDateTime start = null;
        LocalDateTime restoreStart = null;
        LocalDateTime restored = null;
        LocalDateTime consumers = null;
        LocalDateTime afterConsumers = null;
        LocalDateTime ready = null;
        String messages = "?";
        for (int i = from; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(m.group(1), TIME);
            String text = m.group(2);
            if (start == null) {
                start = at;
            }
            if (consumers != null && afterConsumers == null && !text.startsWith("Healthcheck")) {
                afterConsumers = at;
            }
            if (text.contains("Starting restore for stream '$G > " + stream + "'")) {
                restoreStart = at;
            } else if (text.contains("messages for stream '$G > " + stream + "'")) {
                restored = at;
                messages = text.replaceAll(".*Restored ([\\d,]+) messages.*", "$1");
            } else if (text.contains("consumers for stream - '$G > " + stream + "'")) {
                consumers = at;
            } else if (text.contains("Server is ready")) {
                ready = at;
            }
        }
        if (start == null) {
            return "(no log lines of the start)";
        }
        StringBuilder out = new StringBuilder();
        if (restoreStart != null && restored != null) {
            out.append(String.format(Locale.ROOT, "stream %s restored %.1f-%.1f s (%s messages)", stream,
                    seconds(start, restoreStart), seconds(start, restored), messages));
        }
        if (consumers != null) {
            out.append(String.format(Locale.ROOT, ", its consumers %.1f-%.1f s", seconds(start, consumers),
                    seconds(start, afterConsumers != null ? afterConsumers : ready != null ? ready : consumers)));
        }
        if (ready != null) {
            out.append(String.format(Locale.ROOT, ", ready at %.1f s", seconds(start, ready)));
        }
        return out.toString();
    }

    private static double seconds(LocalDateTime from, LocalDateTime to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
