package io.rita.test.nats;

import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;

import java.nio.file.Path;

/**
 * A program that starts a nats-server, prints {@code <pid> <port>} and exits without closing
 * it: what {@link NatsServerShutdownHookTest} runs in a child JVM.
 */
final class ServerThenExit {

    private ServerThenExit() {
    }

    /** {@code ServerThenExit <store dir> <stop on exit: true|false>}. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        NatsServerProcess server = NatsServerProcess.of(NatsServerOptions.inDirectory(dir)
                .withStopOnExit(Boolean.parseBoolean(args[1]))).start();
        System.out.println(ChildServers.pidOf(dir) + " " + server.port());
        System.exit(0);
    }
}
