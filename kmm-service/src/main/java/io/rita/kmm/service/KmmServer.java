package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.domain.AccountDecider;
import io.rita.nats.NatsServerException;
import io.rita.nats.NatsServerNotFoundException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.ServiceOptions;
import io.rita.service.ServiceRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running {@code kmm serve}: the embedded nats-server when asked for, the NATS connection, the
 * store {@code kmm} and every KMM endpoint on the framework's {@link ServiceRunner}.
 *
 * <pre>{@code
 * try (KmmServer server = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0))) {
 *     String url = server.url();   // where clients connect
 *     ...
 * }                                // stops serving, closes the connection, stops nats-server
 * }</pre>
 *
 * <p>Several servers may share one nats-server (and one store): they form one queue group, so
 * each request is served once, and the framework's expected-sequence appends with retries keep
 * every account's rules intact across them.
 *
 * @see KmmStartException thrown by {@link #start} with a message that says what to do
 */
public final class KmmServer implements AutoCloseable {

    /** The service's name in the NATS service API ({@code $SRV.INFO.kmm}). */
    public static final String SERVICE_NAME = "kmm";
    /** How long a stop waits for requests in flight; each takes milliseconds. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STOP_POLL = Duration.ofMillis(20);

    /** The service's version in the NATS service API. */
    public static final String VERSION = "0.1.0";
    /** The service's description in the NATS service API. */
    public static final String DESCRIPTION = "Kids Money Manager: deposits, budgets and withdrawals per account";

    private final NatsServerProcess embedded;
    private final Connection connection;
    private final ServiceRunner runner;
    private final String url;

    private KmmServer(NatsServerProcess embedded, Connection connection, ServiceRunner runner, String url) {
        this.embedded = embedded;
        this.connection = connection;
        this.runner = runner;
        this.url = url;
    }

    /**
     * Starts everything and returns once requests are being served.
     *
     * @throws KmmStartException when nats-server is missing or does not start, NATS cannot be
     *                           reached, or the store cannot be created
     */
    public static KmmServer start(KmmServerOptions options) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            NatsServerProcess embedded = options.embed() ? startEmbedded(options) : null;
            if (embedded != null) {
                started.add(embedded);
            }
            String url = embedded != null ? embedded.url() : options.natsUrl();
            Connection connection = connect(url, embedded != null);
            started.add(connection);
            JetStreamEventStore store = ensureStore(connection, options);
            AccountDecider accounts = new AccountDecider(options.clock(), options.zone());
            Dispatcher dispatcher = Dispatcher.of(store, KmmRoutes.of(accounts),
                    DispatchOptions.defaults().withJson(KmmWire.mapper()).withClock(options.clock()));
            // the fallback answers "unknown service operation" under kmm.services.> as the original
            // does, instead of leaving such a request to look like a service that is down
            ServiceRunner runner = ServiceRunner.start(connection, dispatcher,
                    ServiceOptions.of(SERVICE_NAME, VERSION, DESCRIPTION).withDrainTimeout(DRAIN_TIMEOUT)
                            .withFallback(KmmSubjects.SERVICES + ".>"));
            return new KmmServer(embedded, connection, runner, url);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i));
            }
            throw e;
        }
    }

    /** Where clients connect, e.g. {@code nats://127.0.0.1:4837}. */
    public String url() {
        return url;
    }

    /** The connection the service uses. */
    public Connection connection() {
        return connection;
    }

    /** The embedded nats-server's store directory, or {@code null} when not embedded. */
    public Path dataDir() {
        return embedded == null ? null : embedded.storeDir();
    }

    /**
     * Stops taking requests, lets those in flight finish, closes the connection and stops the
     * embedded nats-server (which flushes its store). Safe to call more than once.
     */
    @Override
    public void close() {
        // A graceful stop needs the server to flush the replies in flight. On Ctrl-C the embedded
        // nats-server receives the signal too and stops at the same moment; then the drain would
        // wait for a reconnect until its timeout. Closing the connection as soon as it is lost
        // ends the wait: there is nobody left to reply to.
        Thread watchdog = Thread.ofVirtual().name("kmm-serve-stop-watchdog").start(() -> {
            try {
                while (connection.getStatus() == Connection.Status.CONNECTED) {
                    Thread.sleep(STOP_POLL.toMillis());
                }
                closeQuietly(connection);
            } catch (InterruptedException e) {
                // the runner stopped in time
            }
        });
        closeQuietly(runner);
        watchdog.interrupt();
        closeQuietly(connection);
        if (embedded != null) {
            embedded.stop();
        }
    }

    private static NatsServerProcess startEmbedded(KmmServerOptions options) {
        try {
            return NatsServerProcess.of(NatsServerOptions.inDirectory(options.dataDir()).withPort(options.port()))
                    .start();
        } catch (NatsServerNotFoundException e) {
            throw new KmmStartException("--nats.embed needs nats-server, which was not found: " + e.getMessage()
                    + "; or run `kmm serve --nats.url <url>` against a nats-server -js of your own", e);
        } catch (NatsServerException e) {
            // the server's log is long; its fatal line says why (usually: the port is taken)
            String reason = e.output().lines().filter(line -> line.contains("[FTL]") || line.contains("[ERR]"))
                    .reduce((first, last) -> last).orElse(e.getMessage().lines().findFirst().orElse(""));
            throw new KmmStartException("the embedded nats-server did not start on 127.0.0.1:" + options.port()
                    + " with data in " + options.dataDir() + ": "
                    + reason.replaceFirst("^\\[\\d+] \\S+ \\S+ \\[(FTL|ERR)] ", "").strip()
                    + "; if another `kmm serve --nats.embed` is running, use it, or pick another --nats.port", e);
        }
    }

    private static Connection connect(String url, boolean embedded) {
        Options options = new Options.Builder()
                .server(url)
                .connectionName("kmm-serve")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5))
                .errorListener(new ErrorListener() {
                })
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new KmmStartException("cannot reach NATS at " + url + (embedded ? "" : ": is nats-server -js "
                    + "running there? Or start one with `kmm serve --nats.embed`"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmmStartException("interrupted while connecting to NATS at " + url, e);
        }
    }

    private static JetStreamEventStore ensureStore(Connection connection, KmmServerOptions options) {
        JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types())
                .withClock(options.clock())).eventStore(KmmSubjects.STORE);
        try {
            store.create(config -> config.subjects(KmmSubjects.STORE_SUBJECTS));
        } catch (EventStoreException exists) {
            // created before with other settings (by an older version, or the Go original): use it
            // as it is if it holds the account subjects, else say what is wrong
            try {
                if (!store.info().subjects().contains(KmmSubjects.STORE_SUBJECTS)) {
                    throw new KmmStartException("stream '" + KmmSubjects.STORE + "' exists but does not bind "
                            + KmmSubjects.STORE_SUBJECTS + " (it binds " + store.info().subjects() + ")", exists);
                }
            } catch (EventStoreException missing) {
                throw new KmmStartException("cannot create the store '" + KmmSubjects.STORE + "': "
                        + exists.getMessage() + "; is JetStream enabled on that nats-server (nats-server -js)?", exists);
            }
        }
        return store;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // shutting down: the server may be gone already (Ctrl-C reaches nats-server too)
        }
    }
}
