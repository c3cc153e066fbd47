package io.rita.test.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.nats.NatsServerNotFoundException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A real {@code nats-server -js} for one test class: started before the first test on a free
 * loopback port with its own temporary store directory; connections closed, server stopped and
 * directory deleted after the last test.
 *
 * <pre>{@code
 * class OrdersTest {
 *     @RegisterExtension
 *     static NatsServerExtension nats = new NatsServerExtension();
 *
 *     @Test
 *     void appends_and_loads() {
 *         JetStreamEventStore orders = Rita.of(nats.connection()).eventStore("orders");
 *         ...
 *         nats.restartServer();   // for fault tests: same port, same data
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field: JUnit calls class-level callbacks only for those,
 * and one server per class keeps start-ups (a few milliseconds each) out of every test. Give
 * each test its own stream or subject. A test that stopped the server and failed before
 * starting it again does not break the next one: the server is started again before each test
 * when it is not running. In {@code @Nested} classes the outer class's server is shared.
 *
 * <p>Connections made here reconnect forever with 10 ms waits, so they survive
 * {@link #restartServer()}; {@link #startServer()} returns once they are connected again.
 *
 * <p>When there is no {@code nats-server}, the class fails in {@code beforeAll} with a
 * {@link NatsServerNotFoundException} that says how to install it; tests never skip.
 *
 * @see NatsServerProcess
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(10);
    private static final Duration RECONNECT_JITTER = Duration.ofMillis(5);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

    private final UnaryOperator<NatsServerOptions> customize;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    private String owner;
    private Path tempDir;
    private NatsServerProcess server;
    private Connection connection;

    /** A server with the defaults: loopback, any free port, server-default limits. */
    public NatsServerExtension() {
        this(UnaryOperator.identity());
    }

    /**
     * A server whose options the caller adjusts, e.g. {@code o -> o.withMaxPayload(64 * 1024)}.
     * The options passed in already name the temporary store directory.
     */
    public NatsServerExtension(UnaryOperator<NatsServerOptions> customize) {
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
        if (server == null) {
            throw new IllegalStateException("NatsServerExtension was not started: register it on a static field"
                    + " (@RegisterExtension static NatsServerExtension nats = new NatsServerExtension();)");
        }
        if (!server.isRunning()) {
            startServer();
        }
    }

    /** The connection shared by the class's tests; closed after the last test. */
    public Connection connection() {
        requireStarted();
        return connection;
    }

    /** A new connection with the same reconnect settings; closed after the last test. */
    public Connection connect() {
        return connect(UnaryOperator.identity());
    }

    /** A new connection with adjusted options; closed after the last test. */
    public Connection connect(UnaryOperator<Options.Builder> adjust) {
        requireStarted();
        Options.Builder builder = Options.builder()
                .server(server.url())
                .connectionName("rita-test")
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                // not zero: jnats 2.26.3 with a zero jitter never attempts a second reconnect
                .reconnectJitter(RECONNECT_JITTER)
                .connectionTimeout(Duration.ofSeconds(5));
        try {
            Connection made = Nats.connect(adjust.apply(builder).build());
            connections.add(made);
            return made;
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + server.url() + ": " + e.getMessage()
                    + "\n--- nats-server output ---\n" + server.output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + server.url(), e);
        }
    }

    /** The server's URL, e.g. {@code nats://127.0.0.1:39125}. */
    public String url() {
        requireStarted();
        return server.url();
    }

    /** The server's client port (the same across restarts). */
    public int port() {
        requireStarted();
        return server.port();
    }

    /** The server's JetStream store directory. */
    public Path storeDir() {
        requireStarted();
        return server.storeDir();
    }

    /** The server process itself, e.g. for its {@link NatsServerProcess#output() output}. */
    public NatsServerProcess server() {
        requireStarted();
        return server;
    }

    /** Stops the server gracefully and returns once every open connection has noticed. */
    public void stopServer() {
        requireStarted();
        server.stop();
        ConnectionWaits.await(connections, status -> status != Connection.Status.CONNECTED, SETTLE_TIMEOUT);
    }

    /** Kills the server (SIGKILL, like a crash) and returns once every open connection has noticed. */
    public void killServer() {
        requireStarted();
        server.kill();
        ConnectionWaits.await(connections, status -> status != Connection.Status.CONNECTED, SETTLE_TIMEOUT);
    }

    /** Starts the server again (same port and data) and returns once every open connection is back. */
    public void startServer() {
        requireStarted();
        server.start();
        ConnectionWaits.await(connections, status -> status == Connection.Status.CONNECTED, SETTLE_TIMEOUT);
    }

    /** Stops and starts the server; returns once every open connection is connected again. */
    public void restartServer() {
        stopServer();
        startServer();
    }

    /** Starts the server unless an enclosing class's context already did. */
    void startFor(String context) {
        if (owner != null) {
            return;
        }
        try {
            tempDir = Files.createTempDirectory("rita-nats-");
            server = NatsServerProcess.of(customize.apply(NatsServerOptions.inDirectory(tempDir))).start();
            owner = context;
            connection = connect();
        } catch (IOException e) {
            closeAll();
            throw new IllegalStateException("cannot create a store directory for nats-server", e);
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
    }

    /** Closes everything if {@code context} is the one that started it. */
    void closeFor(String context) {
        if (context.equals(owner)) {
            closeAll();
        }
    }

    private void closeAll() {
        try {
            for (Connection open : connections) {
                try {
                    open.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // closing is best effort: the server below goes away regardless
                }
            }
            if (server != null) {
                server.stop();
            }
            if (tempDir != null) {
                TempDirectory.delete(tempDir);
            }
        } finally {
            connections.clear();
            owner = null;
            server = null;
            connection = null;
            tempDir = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the nats-server of NatsServerExtension is not started: use it from a"
                    + " test, or a @BeforeAll/@BeforeEach method, of a class that registers it on a static field");
        }
    }
}
