package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What each benchmark state stands on: its own nats-server (file storage, temporary directory),
 * one connection, one store created by Rita with its defaults, and the raw jnats baseline
 * working on the very same stream.
 *
 * <pre>{@code
 * try (Testbed bed = Testbed.start(Payload.BINARY)) {
 *     bed.store().append(...);
 *     bed.raw().append(...);
 * }
 * }</pre>
 *
 * @throws io.rita.nats.NatsServerNotFoundException from {@link #start} when there is no nats-server
 * @throws io.rita.nats.NatsServerException         from {@link #start} when it does not come up
 */
public final class Testbed implements AutoCloseable {

    /** The store (stream) name; subjects are {@code bench.>}. */
    public static final String STORE = "bench";

    private final NatsServerProcess server;
    /** In front of the server when {@code BENCH_LATENCY_MICROS} is set, else null. */
    private final DelayProxy proxy;
    /** Where connections go: the proxy, or the server. */
    private final String url;
    private final Path storeDir;
    private final Connection connection;
    private final JetStreamEventStore store;
    private final RawJetStream raw;

    private Testbed(NatsServerProcess server, DelayProxy proxy, Path storeDir, Connection connection,
                    JetStreamEventStore store, RawJetStream raw) {
        this.server = server;
        this.proxy = proxy;
        this.url = proxy != null ? proxy.url() : server.url();
        this.storeDir = storeDir;
        this.connection = connection;
        this.store = store;
        this.raw = raw;
    }

    /** Starts a server, connects, and creates the store, Rita and raw jnats both using {@code payload}. */
    public static Testbed start(Payload payload) {
        return start(payload.ritaOptions(), payload);
    }

    /** Starts a server, connects, and creates the store with Rita's {@code ritaOptions}; raw jnats uses {@code rawPayload}. */
    public static Testbed start(RitaOptions ritaOptions, Payload rawPayload) {
        Path storeDir = temporaryDirectory();
        NatsServerProcess server;
        try {
            server = NatsServerProcess.of(NatsServerOptions.inDirectory(storeDir)).start();
        } catch (RuntimeException e) {
            delete(storeDir);
            throw e;
        }
        Connection connection = null;
        long latency = Long.parseLong(System.getenv().getOrDefault("BENCH_LATENCY_MICROS", "0"));
        DelayProxy proxy = latency > 0 ? DelayProxy.start(server.url(), latency) : null;
        try {
            connection = open(proxy != null ? proxy.url() : server.url());
            JetStreamEventStore store = Rita.of(connection, ritaOptions).eventStore(STORE);
            store.create();
            return new Testbed(server, proxy, storeDir, connection, store,
                    new RawJetStream(connection, STORE, rawPayload));
        } catch (IOException e) {
            stop(server, storeDir);
            throw new UncheckedIOException("cannot connect to " + server.url(), e);
        } catch (InterruptedException e) {
            stop(server, storeDir);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        } catch (RuntimeException e) {
            // close the connection before the server, or it keeps trying to reconnect
            closeQuietly(connection);
            stop(server, storeDir);
            throw e;
        }
    }

    /**
     * A new connection to the server, e.g. one per benchmark client; the caller closes it.
     *
     * @throws UncheckedIOException when it cannot connect
     */
    public Connection connect() {
        return connect(url);
    }

    /**
     * A new connection to the nats-server at {@code url}, with the benchmarks' quiet error
     * listener; the caller closes it.
     *
     * @throws UncheckedIOException when it cannot connect
     */
    static Connection connect(String url) {
        try {
            return open(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        }
    }

    private static Connection open(String url) throws IOException, InterruptedException {
        Options options = new Options.Builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(5))
                .errorListener(new ProblemsOnly())
                .build();
        return Nats.connect(options);
    }

    /** A new temporary directory for a nats-server's store. */
    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("rita-bench-nats");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a store directory for nats-server", e);
        }
    }

    private static void stop(NatsServerProcess server, Path storeDir) {
        server.close();
        delete(storeDir);
    }

    /** Deletes a store directory and everything in it, as far as it can. */
    static void delete(Path storeDir) {
        try (Stream<Path> paths = Files.walk(storeDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is not worth failing a benchmark for
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // jnats' default listener logs every flow-control reply of a long load, which buries JMH's output.
    private static final class ProblemsOnly implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            System.err.println("nats error: " + error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            System.err.println("nats exception: " + exception);
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            System.err.println("nats slow consumer: " + consumer);
        }

        @Override
        public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription,
                                   long lastStreamSequence, long lastConsumerSequence) {
            System.err.println("nats heartbeat alarm after stream sequence " + lastStreamSequence);
        }
    }

    /** The connection the store and the raw baseline use. */
    public Connection connection() {
        return connection;
    }

    /** Rita's store. */
    public JetStreamEventStore store() {
        return store;
    }

    /** The raw jnats baseline on the same stream. */
    public RawJetStream raw() {
        return raw;
    }

    /** Closes the connection, stops the server and deletes its store directory. */
    @Override
    public void close() {
        closeQuietly(connection);
        if (proxy != null) {
            proxy.close();
        }
        stop(server, storeDir);
    }
}
