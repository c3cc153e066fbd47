/**
 * A nats-server as a child process: found on the machine ({@link io.rita.nats.NatsServerBinary}),
 * started with its own port and store directory, alone or as a cluster, and stopped with it
 * ({@link io.rita.nats.NatsServerProcess}). Rita's test kit and services that embed their server
 * (KMM's {@code kmm serve}) use it; it needs nothing but the JDK.
 */
module io.rita.nats {
    exports io.rita.nats;
}
