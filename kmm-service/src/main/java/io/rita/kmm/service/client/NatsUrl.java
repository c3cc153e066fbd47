package io.rita.kmm.service.client;

import io.rita.kmm.service.connect.NatsServers;

import java.util.List;

/**
 * The NATS server address(es) a client connects to, as given on the command line or in
 * {@code NATS_URL}: {@code nats://127.0.0.1:4837}, {@code tls://host:4222}, or without a scheme,
 * {@code 127.0.0.1:4837}; several separated by commas. Shown with any password hidden.
 *
 * <pre>{@code
 * NatsUrl.parse("127.0.0.1:4837").servers();   // [nats://127.0.0.1:4837]
 * }</pre>
 *
 * @param servers the server URLs, each with a scheme
 */
public record NatsUrl(List<String> servers) {

    /** The embedded server's address: {@code kmm serve --nats.embed} listens here. */
    public static final String DEFAULT = "nats://127.0.0.1:4837";

    /** Copies the list and refuses an empty one. */
    public NatsUrl {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no NATS server address given");
        }
    }

    /**
     * Parses one address or a comma-separated list; {@code nats://} is added where no scheme is given.
     *
     * @throws IllegalArgumentException when the text holds no address
     */
    public static NatsUrl parse(String text) {
        try {
            return new NatsUrl(NatsServers.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; use e.g. " + DEFAULT, e);
        }
    }

    /** The addresses joined by commas, as shown in messages. */
    @Override
    public String toString() {
        return NatsServers.show(servers);
    }
}
