package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.NUID;
import io.nats.client.Options;
import io.rita.nats.NatsClusterOptions;
import io.rita.nats.NatsServerException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A real cluster of three {@code nats-server}s with JetStream on loopback, for tests and
 * benchmarks of replicated (R3) streams. Each node has its own client and route port (chosen by
 * the server itself, so parallel JVMs never race for one), its own store directory and a unique
 * server name; {@link #start()} returns once the cluster has a JetStream meta leader and can place
 * an R3 stream.
 *
 * <pre>{@code
 * try (NatsCluster cluster = NatsCluster.start()) {
 *     Connection connection = cluster.connect();             // to any node
 *     ... create a stream with replicas(3) ...
 *     int leader = cluster.streams().leader("orders");       // node index 0..2
 *     cluster.kill(leader);                                  // SIGKILL, like a crash
 *     cluster.streams().awaitLeaderOtherThan("orders", leader);
 *     cluster.start(leader);                                 // same ports, same store
 * }
 * }</pre>
 *
 * <p>Nodes are numbered {@code 0..2}. Faults: {@link #kill} (SIGKILL), {@link #stop} (SIGTERM),
 * {@link #pause} (SIGSTOP) and {@link #resume} (SIGCONT), {@link #start} and {@link #restart}
 * on the same ports and store. Every server is stopped and the store directories are deleted by
 * {@link #close()}, and by a JVM shutdown hook if it was not called (a paused server is resumed
 * first so that it can stop).
 *
 * <p>Thread-safe for use from one test at a time.
 *
 * @see NatsClusterExtension the JUnit 5 extension around it
 * @see io.rita.nats.NatsServerNotFoundException thrown by {@link #start()} when there is no nats-server
 */
public final class NatsCluster implements AutoCloseable {

    /** How many servers the cluster has. */
    public static final int NODES = 3;

    private static final int FORMATION_ATTEMPTS = 3;

    private final Path root;
    private final String name;
    private final UnaryOperator<NatsServerOptions> customize;
    private final NatsServerProcess[] servers = new NatsServerProcess[NODES];
    private final ClusterConnections connections;
    private final ClusterStreams streams;
    /** Stops the servers and deletes the stores when the JVM exits without {@link #close()}. */
    private final Thread shutdownHook = new Thread(this::stopAndDelete, "nats-cluster-shutdown");

    private NatsCluster(Path root, UnaryOperator<NatsServerOptions> customize) {
        this.root = root;
        // unique per cluster: JetStream needs unique server names, and logs are easier to tell apart
        this.name = "rita-" + NUID.nextGlobal().substring(16).toLowerCase(Locale.ROOT);
        this.customize = customize;
        this.connections = new ClusterConnections(this);
        this.streams = new ClusterStreams(this);
    }

    /**
     * Starts a cluster with server defaults in a fresh temporary directory.
     *
     * @throws io.rita.nats.NatsServerNotFoundException when there is no nats-server
     * @throws IllegalStateException                  when the cluster does not form within
     *                                                {@link ClusterStreams#FORMATION_TIMEOUT}
     */
    public static NatsCluster start() {
        return start(UnaryOperator.identity());
    }

    /**
     * Starts a cluster whose server options the caller adjusts (e.g. {@code o -> o.withMaxPayload(n)}).
     * Host, ports, store directories, names and cluster settings are the cluster's own.
     */
    public static NatsCluster start(UnaryOperator<NatsServerOptions> customize) {
        Path root;
        try {
            root = Files.createTempDirectory("rita-nats-cluster-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a store directory for the nats-server cluster", e);
        }
        NatsCluster cluster = new NatsCluster(root, customize);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The client URLs of the nodes, in node order. */
    public List<String> urls() {
        return IntStream.range(0, NODES).mapToObj(this::url).toList();
    }

    /** The client URL of one node, e.g. {@code nats://127.0.0.1:39125}; the same across restarts. */
    public synchronized String url(int node) {
        return node(node).url();
    }

    /** The server name of one node (what stream info reports as a leader or replica). */
    public String serverName(int node) {
        return name + "-n" + check(node);
    }

    /** The cluster's name. */
    public String name() {
        return name;
    }

    /**
     * The node with that server name.
     *
     * @throws IllegalArgumentException when no node of this cluster has that name
     */
    public int nodeNamed(String serverName) {
        for (int node = 0; node < NODES; node++) {
            if (serverName(node).equals(serverName)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node of cluster " + name + " is named '" + serverName + "'");
    }

    /** The server process of one node, e.g. for its {@link NatsServerProcess#output() output}. */
    public synchronized NatsServerProcess server(int node) {
        return node(node);
    }

    /** A new connection that knows every node and fails over between them; closed by {@link #close()}. */
    public Connection connect() {
        return connections.connect(urls(), UnaryOperator.identity());
    }

    /**
     * A new connection to one node, closed by {@link #close()}. It learns the other nodes from
     * the server, as any client does, and fails over to them when its node goes away; adjust it
     * with {@link Options.Builder#ignoreDiscoveredServers()} to stay with its node.
     */
    public Connection connect(int node, UnaryOperator<Options.Builder> adjust) {
        return connections.connect(List.of(url(node)), adjust);
    }

    /** A new connection to one node (see {@link #connect(int, UnaryOperator)}). */
    public Connection connect(int node) {
        return connect(node, UnaryOperator.identity());
    }

    /** Stream leaders, replicas and readiness: the cluster's JetStream side. */
    public ClusterStreams streams() {
        return streams;
    }

    /** Kills one node at once (SIGKILL), as a crash would. */
    public synchronized void kill(int node) {
        node(node).kill();
    }

    /** Stops one node gracefully (SIGTERM). */
    public synchronized void stop(int node) {
        node(node).stop();
    }

    /** Pauses one node (SIGSTOP): it holds its connections but answers nothing until {@link #resume}. */
    public synchronized void pause(int node) {
        node(node).pause();
    }

    /** Lets a paused node go on (SIGCONT); does nothing when it is not paused. */
    public synchronized void resume(int node) {
        node(node).resume();
    }

    /**
     * Starts a stopped or killed node again, on its ports and its store. Returns when the server
     * is ready for clients; it catches up with the others in the background (see
     * {@link ClusterStreams#awaitCurrent}).
     *
     * @throws IllegalStateException when it is running
     */
    public synchronized void start(int node) {
        if (node(node).isRunning()) {
            throw new IllegalStateException("node " + node + " (" + serverName(node) + ") is already running");
        }
        servers[node].start();
    }

    /** Stops one node gracefully and starts it again on the same ports and store. */
    public synchronized void restart(int node) {
        stop(node);
        start(node);
    }

    /** Whether a node's process is alive (a paused one is). */
    public synchronized boolean isRunning(int node) {
        return node(node).isRunning();
    }

    /** Whether a node is alive and not paused: one that can answer. */
    public synchronized boolean isAnswering(int node) {
        NatsServerProcess server = node(node);
        return server.isRunning() && !server.isPaused();
    }

    /** Closes every connection made here, stops every node and deletes the store directories. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it does the same
        }
        connections.closeAll();
        stopAndDelete();
    }

    /** Not synchronized: the shutdown hook must not wait for a lock that a stuck test thread holds. */
    private void stopAndDelete() {
        try {
            stopAll();
        } finally {
            TempDirectory.delete(root);
        }
    }

    /** The last lines of every node's log, for failure messages. */
    synchronized String outputs() {
        StringBuilder text = new StringBuilder();
        for (int node = 0; node < NODES; node++) {
            if (servers[node] != null) {
                text.append("\n--- ").append(serverName(node)).append(" ---\n").append(servers[node].output());
            }
        }
        return text.toString();
    }

    ClusterConnections connections() {
        return connections;
    }

    /** The first node that can answer requests. */
    synchronized int anyAnsweringNode() {
        for (int node = 0; node < NODES; node++) {
            if (isAnswering(node)) {
                return node;
            }
        }
        throw new IllegalStateException("no node of cluster " + name + " is running and unpaused");
    }

    private void form() {
        // JetStream refuses to start clustered without configured routes, so every node must know
        // the others' route ports before it starts: they are picked here, and a port that another
        // process takes in the moment before its server binds it fails that start, after which
        // the whole cluster is formed again on new ports
        for (int attempt = 1; ; attempt++) {
            int[] routePorts = FreePorts.pick(NODES);
            try {
                for (int node = 0; node < NODES; node++) {
                    servers[node] = NatsServerProcess.of(options(node, routePorts)).start();
                }
                break;
            } catch (NatsServerException e) {
                stopAll();
                if (attempt == FORMATION_ATTEMPTS || !e.output().contains("address already in use")) {
                    throw e;
                }
            }
        }
        streams.awaitReady();
    }

    private NatsServerOptions options(int node, int[] routePorts) {
        Path storeDir = root.resolve("n" + node);
        List<String> routes = new ArrayList<>();
        for (int other = 0; other < NODES; other++) {
            if (other != node) {
                routes.add(NatsServerOptions.LOOPBACK + ":" + routePorts[other]);
            }
        }
        return customize.apply(NatsServerOptions.inDirectory(storeDir))
                .withHost(NatsServerOptions.LOOPBACK)
                .withPort(0)
                .withStoreDir(storeDir)
                .withServerName(serverName(node))
                .withCluster(new NatsClusterOptions(name, routePorts[node], routes));
    }

    private void stopAll() {
        for (int node = 0; node < NODES; node++) {
            if (servers[node] != null) {
                servers[node].stop(); // resumes a paused server first, so that it can stop
                servers[node] = null;
            }
        }
    }

    /** One node's server process; refused once the cluster is closed, when its servers are gone. */
    private NatsServerProcess node(int node) {
        NatsServerProcess server = servers[check(node)];
        if (server == null) {
            throw new IllegalStateException("cluster " + name + " is closed: its servers are stopped and their stores"
                    + " deleted; start a new one with NatsCluster.start()");
        }
        return server;
    }

    private static int check(int node) {
        if (node < 0 || node >= NODES) {
            throw new IllegalArgumentException("node must be 0.." + (NODES - 1) + ", was " + node);
        }
        return node;
    }
}
