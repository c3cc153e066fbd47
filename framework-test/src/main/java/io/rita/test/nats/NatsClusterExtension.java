package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.rita.nats.NatsServerNotFoundException;
import io.rita.nats.NatsServerOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real 3-node {@code nats-server} cluster for one test class ({@link NatsCluster}): started
 * before the first test, ready once it has a JetStream meta leader and can place an R3 stream;
 * connections closed, servers stopped and store directories deleted after the last test.
 *
 * <pre>{@code
 * class OrdersOnAClusterTest {
 *     @RegisterExtension
 *     static NatsClusterExtension nats = new NatsClusterExtension();
 *
 *     @Test
 *     void keeps_acknowledged_events_when_the_leader_dies() {
 *         JetStreamEventStore orders = Rita.of(nats.connection()).eventStore("orders");
 *         orders.create(config -> config.replicas(3));
 *         ...
 *         int leader = nats.streams().leader("orders");
 *         nats.kill(leader);                                 // SIGKILL
 *         nats.streams().awaitLeaderOtherThan("orders", leader);
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: one cluster per class (forming one takes a second or
 * two). Give each test its own stream. A node that a test left killed, stopped or paused is
 * started or resumed before the next test, which then waits until the cluster can place an R3
 * stream again. In {@code @Nested} classes the outer class's cluster is shared.
 *
 * <p>When there is no {@code nats-server}, the class fails in {@code beforeAll} with a
 * {@link NatsServerNotFoundException} that says how to install it; tests never skip.
 */
public final class NatsClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final UnaryOperator<NatsServerOptions> customize;

    private String owner;
    private NatsCluster cluster;
    private Connection connection;

    /** A cluster with server defaults. */
    public NatsClusterExtension() {
        this(UnaryOperator.identity());
    }

    /** A cluster whose server options the caller adjusts, e.g. {@code o -> o.withMaxPayload(64 * 1024)}. */
    public NatsClusterExtension(UnaryOperator<NatsServerOptions> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startFor(context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFor(context.getUniqueId());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        NatsCluster started = cluster();
        boolean healed = false;
        for (int node = 0; node < NatsCluster.NODES; node++) {
            if (started.server(node).isPaused()) {
                started.resume(node);
                healed = true;
            } else if (!started.isRunning(node)) {
                started.start(node);
                healed = true;
            }
        }
        if (healed) {
            started.streams().awaitReady();
        }
    }

    /** The cluster itself: every node, fault and question. */
    public NatsCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster of NatsClusterExtension is not started: use it from a test,"
                    + " or a @BeforeAll/@BeforeEach method, of a class that registers it on a static field"
                    + " (@RegisterExtension static NatsClusterExtension nats = new NatsClusterExtension();)");
        }
        return cluster;
    }

    /** A connection shared by the class's tests, knowing every node; closed after the last test. */
    public Connection connection() {
        cluster();
        return connection;
    }

    /** A new connection knowing every node; closed after the last test. */
    public Connection connect() {
        return cluster().connect();
    }

    /** A new connection to one node (see {@link NatsCluster#connect(int, UnaryOperator)}). */
    public Connection connect(int node) {
        return cluster().connect(node);
    }

    /** A new connection to one node, adjusted. */
    public Connection connect(int node, UnaryOperator<Options.Builder> adjust) {
        return cluster().connect(node, adjust);
    }

    /** The client URLs of the nodes. */
    public List<String> urls() {
        return cluster().urls();
    }

    /** Stream leaders and replicas. */
    public ClusterStreams streams() {
        return cluster().streams();
    }

    /** Kills a node (SIGKILL). */
    public void kill(int node) {
        cluster().kill(node);
    }

    /** Pauses a node (SIGSTOP). */
    public void pause(int node) {
        cluster().pause(node);
    }

    /** Resumes a paused node (SIGCONT). */
    public void resume(int node) {
        cluster().resume(node);
    }

    /** Starts a stopped or killed node on its ports and store. */
    public void start(int node) {
        cluster().start(node);
    }

    /** Stops a node gracefully and starts it again on its ports and store. */
    public void restart(int node) {
        cluster().restart(node);
    }

    /** Starts the cluster unless an enclosing class's context already did. */
    void startFor(String context) {
        if (owner != null) {
            return;
        }
        NatsCluster started = NatsCluster.start(customize);
        try {
            connection = started.connect();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        cluster = started;
        owner = context;
    }

    /** Closes everything if {@code context} is the one that started it. */
    void closeFor(String context) {
        if (context.equals(owner)) {
            try {
                cluster.close();
            } finally {
                cluster = null;
                connection = null;
                owner = null;
            }
        }
    }
}
