package io.rita.internal;

import java.time.Duration;

/**
 * The idle heartbeats a live-stream request may ask for (the wire format's {@code "heartbeat"}
 * field, {@code docs/wire-format.md}): one set of bounds for the service that checks them and the
 * client that sends them. Not API.
 */
public final class StreamHeartbeats {

    /** The shortest: more often would be a load, not a check. */
    public static final Duration MIN = Duration.ofMillis(100);
    /** The longest: a client waits three of them before it calls a stream gone. */
    public static final Duration MAX = Duration.ofMinutes(1);

    private StreamHeartbeats() {
    }

    /** Whether {@code heartbeat} is zero (none) or within the bounds. */
    public static boolean allowed(Duration heartbeat) {
        return heartbeat != null
                && (heartbeat.isZero() || (heartbeat.compareTo(MIN) >= 0 && heartbeat.compareTo(MAX) <= 0));
    }
}
