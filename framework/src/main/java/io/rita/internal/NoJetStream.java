package io.rita.internal;

import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;

/**
 * A server that runs without JetStream, as {@code nats-server} started without {@code -js} does:
 * how to tell, and what to tell the user. Not API.
 */
public final class NoJetStream {

    /** What the user can do about it. */
    public static final String REMEDY = "Start nats-server with -js (or a jetstream block in its configuration),"
            + " or connect to one that does";

    private NoJetStream() {
    }

    /** Whether the server this connection is on said, when it connected, that it runs no JetStream. */
    public static boolean on(Connection connection) {
        ServerInfo info = connection.getServerInfo();
        return info != null && !info.isJetStreamAvailable();
    }

    /** "the nats-server at nats://... runs without JetStream", naming the server where it can. */
    public static String server(Connection connection) {
        String url = connection.getConnectedUrl();
        return "the nats-server" + (url == null ? "" : " at " + url) + " runs without JetStream";
    }
}
