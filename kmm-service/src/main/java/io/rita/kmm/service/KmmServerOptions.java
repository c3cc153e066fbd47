package io.rita.kmm.service;

import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsServers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to run {@code kmm serve}: against which NATS (an existing one reached with its URL,
 * credentials and TLS, or an embedded nats-server of our own, optionally with a family's users),
 * and in which time zone budget periods are counted.
 *
 * <pre>{@code
 * KmmServerOptions embedded = KmmServerOptions.embedded(Path.of(System.getProperty("user.home"), ".kmm", "nats"));
 * KmmServerOptions remote = KmmServerOptions.connectingTo("nats://10.0.0.5:4222");
 * KmmServerOptions family = embedded.withFamily(Family.read(Path.of("family.txt")));
 * KmmServerOptions cluster = KmmServerOptions.connectingTo("nats://10.0.0.5:4222,nats://10.0.0.6:4222").withReplicas(3);
 * }</pre>
 *
 * @param access   the NATS server(s) to connect to and how; ignored when {@code embed} is set
 * @param embed    start a nats-server with JetStream as a child process first
 * @param port     the embedded server's port ({@code 0}: any free port)
 * @param dataDir  the embedded server's store directory; it survives restarts
 * @param zone     the zone budget windows are computed in
 * @param clock    the clock of event times
 * @param family   the embedded server's users, or {@code null} for a server open to every local client
 * @param replicas how many servers of a NATS cluster keep a copy of the store (default 1; 3 or 5 in a
 *                 cluster): a new store is created so, and an existing one with fewer gets more (never fewer)
 */
public record KmmServerOptions(NatsAccess access, boolean embed, int port, Path dataDir, ZoneId zone, Clock clock,
                               Family family, int replicas) {

    /** The embedded server's default port, the client's default address. */
    public static final int DEFAULT_PORT = 4837;

    /** Checks the options. */
    public KmmServerOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5 (JetStream's limit), was " + replicas);
        }
        if (embed && replicas > 1) {
            throw new IllegalArgumentException("the embedded nats-server is a single server and keeps one copy; "
                    + replicas + " replicas need a cluster: run `kmm serve --nats.url <its servers> --replicas "
                    + replicas + "`");
        }
        if (embed) {
            Objects.requireNonNull(dataDir, "dataDir");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
            }
        } else {
            Objects.requireNonNull(access, "access");
            if (family != null) {
                throw new IllegalArgumentException("users are given to an embedded nats-server only; a nats-server "
                        + "of your own has them in its configuration");
            }
        }
    }

    /** Options with a plain NATS URL (no credentials) and no family, e.g. for the demo. */
    public KmmServerOptions(String natsUrl, boolean embed, int port, Path dataDir, ZoneId zone, Clock clock) {
        this(natsUrl == null ? null : NatsAccess.of(NatsServers.parse(natsUrl)), embed, port, dataDir, zone, clock,
                null, 1);
    }

    /** An embedded nats-server on {@value #DEFAULT_PORT} with its store in {@code dataDir}; local zone. */
    public static KmmServerOptions embedded(Path dataDir) {
        return new KmmServerOptions((String) null, true, DEFAULT_PORT, dataDir, ZoneId.systemDefault(),
                Clock.systemUTC());
    }

    /** Connecting to an existing NATS server without credentials; local zone. */
    public static KmmServerOptions connectingTo(String natsUrl) {
        return connectingTo(NatsAccess.of(NatsServers.parse(natsUrl)));
    }

    /** Connecting to an existing NATS server as {@code access} says; local zone. */
    public static KmmServerOptions connectingTo(NatsAccess access) {
        return new KmmServerOptions(access, false, 0, null, ZoneId.systemDefault(), Clock.systemUTC(), null, 1);
    }

    /** These options with the embedded server on another port. */
    public KmmServerOptions withPort(int newPort) {
        return new KmmServerOptions(access, embed, newPort, dataDir, zone, clock, family, replicas);
    }

    /** These options with budget windows in another zone. */
    public KmmServerOptions withZone(ZoneId newZone) {
        return new KmmServerOptions(access, embed, port, dataDir, newZone, clock, family, replicas);
    }

    /** These options with another clock. */
    public KmmServerOptions withClock(Clock newClock) {
        return new KmmServerOptions(access, embed, port, dataDir, zone, newClock, family, replicas);
    }

    /** These options with the embedded server letting in only this family (and the service). */
    public KmmServerOptions withFamily(Family newFamily) {
        return new KmmServerOptions(access, embed, port, dataDir, zone, clock, newFamily, replicas);
    }

    /** These options keeping the store on {@code newReplicas} servers of a cluster. */
    public KmmServerOptions withReplicas(int newReplicas) {
        return new KmmServerOptions(access, embed, port, dataDir, zone, clock, family, newReplicas);
    }
}
