package io.rita.kmm.service.cli;

import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The options every client command takes: where NATS is and how long to wait for an answer. */
final class ClientOptions {

    @Option(names = "--nats.url", paramLabel = "URL", defaultValue = "${env:NATS_URL:-" + NatsUrl.DEFAULT + "}",
            description = "NATS server address, with or without nats:// (env NATS_URL; default: ${DEFAULT-VALUE},"
                    + " where `kmm serve --nats.embed` listens)")
    String natsUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "seconds to wait for NATS and for the service's answer (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    /** Connects; the caller closes the client. */
    KmmClient connect() {
        return KmmClient.connect(NatsUrl.parse(natsUrl), timeout());
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout must be between 0 and 3600 seconds, was " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }
}
