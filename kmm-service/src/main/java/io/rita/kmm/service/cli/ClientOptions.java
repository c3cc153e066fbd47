package io.rita.kmm.service.cli;

import io.rita.kmm.service.client.KmmClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The options every client command takes: how to reach NATS and how long to wait for an answer. */
final class ClientOptions {

    @Mixin ConnectionOptions nats;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "seconds to wait for NATS and for the service's answer (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    /** Connects; the caller closes the client. */
    KmmClient connect() {
        Duration timeout = timeout();
        return KmmClient.connect(nats.access(), timeout);
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout must be between 0 and 3600 seconds, was " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }
}
