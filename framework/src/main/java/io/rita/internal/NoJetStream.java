package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.ServerInfo;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A server that runs without JetStream, as {@code nats-server} started without {@code -js} does:
 * how to tell, and what to tell the user. Not API.
 */
public final class NoJetStream {

    /** What the user can do about it. */
    public static final String REMEDY = "Start nats-server with -js (or a jetstream block in its configuration),"
            + " or connect to one that does";

    /** How long the probe waits: "nobody listens" comes back at once, so this is only a bound. */
    private static final Duration PROBE = Duration.ofSeconds(1);

    private NoJetStream() {
    }

    /**
     * Whether no JetStream answers on this connection at all: its server said, when the
     * connection was made, that it runs none, and a request for the account's JetStream info
     * ({@code $JS.API.INFO}) has nobody to answer it. The server's word alone is not enough: a
     * server without JetStream in a cluster, or a leaf node, passes JetStream requests on to
     * servers that have it. Meant for failure paths: it sends a request when the server's word
     * says so.
     */
    public static boolean on(Connection connection) {
        ServerInfo info = connection.getServerInfo();
        if (info == null || info.isJetStreamAvailable()) {
            return false;
        }
        CompletableFuture<Message> probe;
        try {
            probe = connection.requestWithTimeout("$JS.API.INFO", null, PROBE);
        } catch (RuntimeException e) {
            return false; // closed, say: nothing to tell
        }
        try {
            probe.get();
            return false; // somebody answered
        } catch (CancellationException e) {
            return RequestFailure.of(probe, e) == RequestFailure.NO_RESPONDERS;
        } catch (ExecutionException e) {
            return RequestFailure.of(probe, e.getCause()) == RequestFailure.NO_RESPONDERS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "the nats-server at nats://... runs without JetStream", naming the server where it can. */
    public static String server(Connection connection) {
        String url = connection.getConnectedUrl();
        return "the nats-server" + (url == null ? "" : " at " + url) + " runs without JetStream";
    }
}
