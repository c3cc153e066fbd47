package io.rita.nats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a local {@code nats-server} with JetStream: where it listens, where it keeps its
 * streams, and which binary to start (and, for tests, whether it runs JetStream at all).
 *
 * <pre>{@code
 * NatsServerOptions options = NatsServerOptions.inDirectory(Path.of(".kmm/nats"))
 *         .withPort(4837)
 *         .withMaxPayload(8 * 1024 * 1024);
 * }</pre>
 *
 * @param host       the address to listen on (default {@code 127.0.0.1}: reachable from this host only)
 * @param port       the client port; {@code 0} lets the server pick a free one, learned from its log
 * @param storeDir   the JetStream store directory; file-stored streams survive a restart in it
 * @param serverName the server's name, or {@code null} for the server's generated one
 * @param maxPayload the largest message in bytes the server accepts, or {@code 0} for the
 *                   server's default (1 MiB)
 * @param binary     the {@code nats-server} executable, or {@code null} to find it with
 *                   {@link NatsServerBinary#locate()}
 * @param stopOnExit whether a JVM shutdown hook stops a server that was not closed (default
 *                   {@code true}); an owner that orders its own shutdown (replies flushed
 *                   before the server goes) turns it off and stops the server itself
 * @param cluster    the cluster the server joins, or {@code null} for a server on its own
 * @param config     more configuration in nats-server's config syntax (accounts, users, TLS,
 *                   operator mode), or {@code ""} for none; host, port and store directory
 *                   given above win over the same settings in it
 * @param jetStream  whether the server runs JetStream ({@code -js}; the default): without it,
 *                   as a server somebody started by hand may be, for tests of what a user
 *                   is told then
 */
public record NatsServerOptions(String host, int port, Path storeDir, String serverName,
                                int maxPayload, Path binary, boolean stopOnExit, NatsClusterOptions cluster,
                                String config, boolean jetStream) {

    /** The default listen address: loopback only, so a test or demo server is never exposed. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException on a blank host, a port outside 0..65535, a negative max
     *                                  payload, or a server name with whitespace
     */
    public NatsServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storeDir, "storeDir");
        Objects.requireNonNull(config, "config (\"\" for none)");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
        }
        if (maxPayload < 0) {
            throw new IllegalArgumentException("maxPayload must be 0 (server default) or positive, was " + maxPayload);
        }
        if (serverName != null && (serverName.isBlank() || serverName.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("serverName must be a non-empty word without whitespace, was '"
                    + serverName + "'");
        }
    }

    /**
     * Loopback, a free port, the given store directory, server defaults, binary looked up,
     * stopped by a shutdown hook.
     */
    public static NatsServerOptions inDirectory(Path storeDir) {
        return new NatsServerOptions(LOOPBACK, 0, storeDir, null, 0, null, true, null, "", true);
    }

    /** These options listening on {@code newHost}. */
    public NatsServerOptions withHost(String newHost) {
        return new NatsServerOptions(newHost, port, storeDir, serverName, maxPayload, binary, stopOnExit, cluster,
                config, jetStream);
    }

    /** These options on a fixed port ({@code 0}: any free port). */
    public NatsServerOptions withPort(int newPort) {
        return new NatsServerOptions(host, newPort, storeDir, serverName, maxPayload, binary, stopOnExit, cluster,
                config, jetStream);
    }

    /** These options with another store directory. */
    public NatsServerOptions withStoreDir(Path newStoreDir) {
        return new NatsServerOptions(host, port, newStoreDir, serverName, maxPayload, binary, stopOnExit, cluster,
                config, jetStream);
    }

    /** These options with a server name. */
    public NatsServerOptions withServerName(String newServerName) {
        return new NatsServerOptions(host, port, storeDir, newServerName, maxPayload, binary, stopOnExit, cluster,
                config, jetStream);
    }

    /** These options with a maximum message size in bytes ({@code 0}: server default). */
    public NatsServerOptions withMaxPayload(int newMaxPayload) {
        return new NatsServerOptions(host, port, storeDir, serverName, newMaxPayload, binary, stopOnExit, cluster,
                config, jetStream);
    }

    /** These options with an explicit {@code nats-server} executable ({@code null}: look it up). */
    public NatsServerOptions withBinary(Path newBinary) {
        return new NatsServerOptions(host, port, storeDir, serverName, maxPayload, newBinary, stopOnExit, cluster,
                config, jetStream);
    }

    /**
     * These options joining a cluster ({@code null}: a server on its own). A clustered server
     * needs a {@linkplain #withServerName server name} that is unique in its cluster.
     */
    public NatsServerOptions withCluster(NatsClusterOptions newCluster) {
        return new NatsServerOptions(host, port, storeDir, serverName, maxPayload, binary, stopOnExit, newCluster,
                config, jetStream);
    }

    /**
     * These options with or without the JVM shutdown hook that stops a server that was not
     * closed. Without it, the owner must stop the server in its own shutdown path.
     */
    public NatsServerOptions withStopOnExit(boolean newStopOnExit) {
        return new NatsServerOptions(host, port, storeDir, serverName, maxPayload, binary, newStopOnExit, cluster,
                config, jetStream);
    }

    /**
     * These options with more nats-server configuration, e.g.
     * {@code "authorization { token: \"s3cret\" }"}. It is written to a file in the store
     * directory that only the owner may read, as it may hold passwords.
     */
    public NatsServerOptions withConfig(String newConfig) {
        return new NatsServerOptions(host, port, storeDir, serverName, maxPayload, binary, stopOnExit, cluster,
                newConfig, jetStream);
    }

    /**
     * These options with JetStream ({@code true}, the default) or without it: a server that
     * answers no {@code $JS.API} request, as {@code nats-server} started without {@code -js} does.
     */
    public NatsServerOptions withJetStream(boolean newJetStream) {
        return new NatsServerOptions(host, port, storeDir, serverName, maxPayload, binary, stopOnExit, cluster, config,
                newJetStream);
    }
}
