package io.rita.nats;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@code nats-server} joins a cluster: the cluster's name, the port it listens on for the
 * routes of the other servers, and the routes it dials itself.
 *
 * <pre>{@code
 * NatsServerOptions second = NatsServerOptions.inDirectory(dir).withServerName("rita-2")
 *         .withCluster(NatsClusterOptions.named("rita").withRoutes(List.of("127.0.0.1:6222")));
 * }</pre>
 *
 * <p>A server needs a route to one other member only: the others learn of it by gossip. Listing
 * every other member lets a restarted server find the cluster even when one of them is down.
 *
 * @param name   the cluster's name, the same on every server of the cluster
 * @param port   the route port; {@code 0} lets the server pick a free one, learned from its log
 *               and kept for later starts
 * @param routes the route addresses ({@code host:port}) of other servers of the cluster
 */
public record NatsClusterOptions(String name, int port, List<String> routes) {

    private static final Pattern ROUTE = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:\\[\\]/]+):\\d{1,5}");

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException on a name that is blank or has whitespace, a port outside
     *                                  0..65535, or a route that is not {@code host:port}
     */
    public NatsClusterOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routes, "routes");
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new IllegalArgumentException("cluster name must be a non-empty word without whitespace or quotes, "
                    + "was '" + name + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("cluster port must be 0 (any free port) or 1..65535, was " + port);
        }
        routes = List.copyOf(routes);
        for (String route : routes) {
            if (!ROUTE.matcher(route).matches()) {
                throw new IllegalArgumentException("a route must be host:port (e.g. 127.0.0.1:6222), was '"
                        + route + "'");
            }
        }
    }

    /** A cluster of that name, any free route port, no routes yet (the first server of a cluster). */
    public static NatsClusterOptions named(String name) {
        return new NatsClusterOptions(name, 0, List.of());
    }

    /** These options on a fixed route port ({@code 0}: any free port). */
    public NatsClusterOptions withPort(int newPort) {
        return new NatsClusterOptions(name, newPort, routes);
    }

    /** These options dialling these routes ({@code host:port} each). */
    public NatsClusterOptions withRoutes(List<String> newRoutes) {
        return new NatsClusterOptions(name, port, newRoutes);
    }
}
