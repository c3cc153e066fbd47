package io.rita.kmm.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to run {@code kmm serve}: against which NATS (an existing one, or an embedded nats-server
 * of our own), and in which time zone budget periods are counted.
 *
 * <pre>{@code
 * KmmServerOptions embedded = KmmServerOptions.embedded(Path.of(System.getProperty("user.home"), ".kmm", "nats"));
 * KmmServerOptions remote = KmmServerOptions.connectingTo("nats://10.0.0.5:4222");
 * }</pre>
 *
 * @param natsUrl  the NATS server(s) to connect to; ignored when {@code embed} is set
 * @param embed    start a nats-server with JetStream as a child process first
 * @param port     the embedded server's port ({@code 0}: any free port)
 * @param dataDir  the embedded server's store directory; it survives restarts
 * @param zone     the zone budget windows are computed in
 * @param clock    the clock of event times
 */
public record KmmServerOptions(String natsUrl, boolean embed, int port, Path dataDir, ZoneId zone, Clock clock) {

    /** The embedded server's default port, the client's default address. */
    public static final int DEFAULT_PORT = 4837;

    /** Checks the options. */
    public KmmServerOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        if (embed) {
            Objects.requireNonNull(dataDir, "dataDir");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
            }
        } else {
            Objects.requireNonNull(natsUrl, "natsUrl");
        }
    }

    /** An embedded nats-server on {@value #DEFAULT_PORT} with its store in {@code dataDir}; local zone. */
    public static KmmServerOptions embedded(Path dataDir) {
        return new KmmServerOptions(null, true, DEFAULT_PORT, dataDir, ZoneId.systemDefault(), Clock.systemUTC());
    }

    /** Connecting to an existing NATS server; local zone. */
    public static KmmServerOptions connectingTo(String natsUrl) {
        return new KmmServerOptions(natsUrl, false, 0, null, ZoneId.systemDefault(), Clock.systemUTC());
    }

    /** These options with the embedded server on another port. */
    public KmmServerOptions withPort(int newPort) {
        return new KmmServerOptions(natsUrl, embed, newPort, dataDir, zone, clock);
    }

    /** These options with budget windows in another zone. */
    public KmmServerOptions withZone(ZoneId newZone) {
        return new KmmServerOptions(natsUrl, embed, port, dataDir, newZone, clock);
    }

    /** These options with another clock. */
    public KmmServerOptions withClock(Clock newClock) {
        return new KmmServerOptions(natsUrl, embed, port, dataDir, zone, newClock);
    }
}
