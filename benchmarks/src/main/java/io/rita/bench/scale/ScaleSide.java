package io.rita.bench.scale;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.kmm.service.KmmServer;
import io.rita.kmm.service.KmmServerOptions;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One store under test: its own nats-server on a store directory, {@code kmm serve} on it (in
 * this JVM, as {@link KmmServer}), and a client connection that sends the probes.
 */
final class ScaleSide implements AutoCloseable {

    /** A prime larger than any account count: multiplying by it modulo the count permutes the accounts. */
    private static final long SCATTER = 2_147_483_629L;

    final String name;
    final long events;
    final int accounts;
    final NatsServerProcess server;
    private KmmServer kmm;
    private Connection client;
    private KmmProbe probe;
    /** How many accounts {@link #cold()} has used: it visits them in a scattered order, never twice. */
    private long nextCold;

    ScaleSide(String name, Path storeDir, long events, int accounts) {
        this.name = name;
        this.events = events;
        this.accounts = accounts;
        this.server = NatsServerProcess.of(NatsServerOptions.inDirectory(storeDir));
    }

    /** Starts nats-server; returns the nanoseconds until it was ready. */
    long startServer() {
        long started = System.nanoTime();
        server.start();
        return System.nanoTime() - started;
    }

    /** Starts the service in this JVM, and the client; returns the nanoseconds the service took to start. */
    long startService() throws IOException, InterruptedException {
        long started = System.nanoTime();
        kmm = KmmServer.start(KmmServerOptions.connectingTo(server.url()));
        long took = System.nanoTime() - started;
        startClient();
        return took;
    }

    /** The service in this JVM, or {@code null}. */
    KmmServer service() {
        return kmm;
    }

    /** Connects the client that sends the probes, to whichever service serves on the server. */
    void startClient() throws IOException, InterruptedException {
        if (client == null) {
            client = connect(server.url());
            probe = new KmmProbe(client);
        }
    }

    /** A connection of the harness's own to the server. */
    Connection connect() throws IOException, InterruptedException {
        return connect(server.url());
    }

    /**
     * A deposit on an account no probe has touched (a full load for the service, and for the
     * server a subject it has not been asked about); nanoseconds. The accounts come in a scattered
     * order, so that two in a row do not share the server's blocks.
     */
    long cold() {
        return probe.deposit(KmmSeeder.account(scattered(takeCold())));
    }

    /** The position in the scattered order of an account nobody has touched; it is taken. */
    synchronized long takeCold() {
        if (nextCold >= accounts) {
            throw new IllegalStateException(name + ": every one of its " + accounts + " accounts has been used");
        }
        return nextCold++;
    }

    /** The {@code n}-th account of the scattered order: a permutation of {@code 0..accounts-1}. */
    long scattered(long n) {
        return Math.floorMod(n * SCATTER, accounts);
    }

    /** How many deposits the service answered with 503 and the probe sent again, so far. */
    long unavailable() {
        return probe == null ? 0 : probe.unavailable;
    }

    /** A deposit on account {@code index}; nanoseconds. */
    long deposit(long index) {
        return probe.deposit(KmmSeeder.account(index));
    }

    /** Stops the service (requests in flight answered, connection drained). */
    void stopService() throws InterruptedException {
        if (client != null) {
            client.close();
            client = null;
        }
        if (kmm != null) {
            kmm.close();
            kmm = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopService();
        if (server.isRunning()) {
            server.stop();
        }
    }

    static Connection connect(String url) throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(url).maxReconnects(-1).reconnectWait(Duration.ofMillis(50))
                .connectionTimeout(Duration.ofSeconds(10))
                .errorListener(new ErrorListener() {
                }).build());
    }
}
