package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Options;
import io.rita.aggregate.EngineOptions;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.kmm.domain.AccountDecider;
import io.rita.kmm.domain.AccountEvent;
import io.rita.kmm.domain.AccountOverview;
import io.rita.kmm.service.web.ProjectedAccounts;
import io.rita.kmm.service.web.WebPage;
import io.rita.kmm.service.connect.NatsAccess;
import io.rita.kmm.service.connect.NatsAccessException;
import io.rita.kmm.service.connect.NatsCredentials;
import io.rita.nats.NatsServerException;
import io.rita.nats.NatsServerNotFoundException;
import io.rita.nats.NatsServerOptions;
import io.rita.nats.NatsServerProcess;
import io.rita.projection.Projector;
import io.rita.projection.ProjectorOptions;
import io.rita.service.DispatchOptions;
import io.rita.service.Dispatcher;
import io.rita.service.ServiceOptions;
import io.rita.service.ServiceRunner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running {@code kmm serve}: the embedded nats-server when asked for, the NATS connection, the
 * store {@code kmm} and every KMM endpoint on the framework's {@link ServiceRunner}.
 *
 * <pre>{@code
 * try (KmmServer server = KmmServer.start(KmmServerOptions.embedded(dataDir).withPort(0))) {
 *     String url = server.url();   // where clients connect
 *     ...
 * }                                // stops serving, drains the connection, stops nats-server
 * }</pre>
 *
 * <p>A stop goes in this order, so that every request the service took gets its reply: the
 * endpoints stop taking requests and those in flight finish and reply; the connection drains
 * (everything sent is flushed to nats-server); then the embedded nats-server stops, which flushes
 * its store. A JVM shutdown (Ctrl-C, SIGTERM) stops a server that is still running the same way,
 * and the embedded nats-server, in a session of its own, does not see the terminal's Ctrl-C. If
 * the embedded nats-server dies, the service stops too, and {@link #awaitStop()} says why.
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
    /** How long a stop waits for requests in flight, then for the connection to drain; each takes milliseconds. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration STOP_POLL = Duration.ofMillis(20);
    private static final System.Logger LOG = System.getLogger(KmmServer.class.getName());

    /** The service's version in the NATS service API. */
    public static final String VERSION = "0.1.0";
    /** The service's description in the NATS service API. */
    public static final String DESCRIPTION = "Kids Money Manager: deposits, budgets and withdrawals per account";

    private final Embedded embedded;
    private final Connection connection;
    /** The accounts projection's own connection. */
    private final Connection projecting;
    private final ServiceRunner runner;
    private final Dispatcher dispatcher;
    private final Projector<AccountEvent, AccountOverview> overview;
    private final List<WebPage> pages = new CopyOnWriteArrayList<>();
    private final String url;
    private final Thread shutdownHook;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String failure;

    /** The embedded nats-server, the lock on its data directory, and how the service connects to it. */
    private record Embedded(NatsServerProcess server, DataDirLock lock, NatsAccess access) {
    }

    private KmmServer(Embedded embedded, Connection connection, Connection projecting, ServiceRunner runner,
                      Dispatcher dispatcher, Projector<AccountEvent, AccountOverview> overview, String url) {
        this.embedded = embedded;
        this.connection = connection;
        this.projecting = projecting;
        this.runner = runner;
        this.dispatcher = dispatcher;
        this.overview = overview;
        this.url = url;
        this.shutdownHook = new Thread(this::close, "kmm-serve-shutdown");
    }

    /**
     * Starts everything and returns once requests are being served.
     *
     * @throws KmmStartException when nats-server is missing or does not start, the data directory
     *                           is in use, NATS cannot be reached, or the store cannot be set up
     */
    public static KmmServer start(KmmServerOptions options) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Embedded embedded = null;
            if (options.embed()) {
                DataDirLock lock = DataDirLock.acquire(options.dataDir());
                started.add(lock);
                // with a family, the server lets in only its users and the service, whose password
                // lives in this process (and the server's owner-only config file) alone
                String servicePassword = options.family() == null ? null : ServicePassword.next();
                NatsServerProcess server = startEmbedded(options, servicePassword);
                started.add(server);
                NatsAccess access = NatsAccess.of(List.of(server.url()));
                if (servicePassword != null) {
                    access = access.withCredentials(new NatsCredentials.UserPassword(Family.SERVICE_USER,
                            servicePassword), "the embedded nats-server");
                }
                embedded = new Embedded(server, lock, access);
            }
            NatsAccess access = embedded != null ? embedded.access() : options.access();
            String url = access.show();
            Connection connection = connect(access, embedded != null, "kmm-serve");
            started.add(connection);
            JetStreamEventStore store = KmmStore.ensure(connection, options, url);
            // The list of accounts, kept up to date from the events (and shared with other kmm
            // serve), on a connection of its own: nats-server 2.9 answers a client's JetStream
            // requests in that client's read loop, and the info of a projection's consumer that
            // is far behind (one being built on a large store) took it 30-40 s on 10,000,000
            // events, during which nothing else sent on the connection (the commands' loads and
            // appends, their replies) was read (docs/operations.md, "A large store").
            Connection projecting = connect(access, embedded != null, "kmm-serve-accounts");
            started.add(projecting);
            Projector<AccountEvent, AccountOverview> overview = Projector.start(KmmStore.on(projecting, options),
                    KmmAccounts.PROJECTION, ProjectorOptions.defaults().withClock(options.clock())
                            .withReplicas(options.replicas()));
            started.add(overview);
            AccountDecider accounts = new AccountDecider(options.clock(), options.zone());
            // accounts opt in to snapshots: a restarted service loads a long account from its snapshot
            Snapshots snapshots = KmmStore.snapshots(connection, options.replicas());
            Dispatcher dispatcher = Dispatcher.of(store, KmmRoutes.of(accounts, overview.views()),
                    DispatchOptions.defaults().withJson(KmmWire.mapper())
                            .withEngine(EngineOptions.defaults().withSnapshots(snapshots)));
            // the fallback answers "unknown service operation" under kmm.services.> as the original
            // does, instead of leaving such a request to look like a service that is down
            ServiceRunner runner = ServiceRunner.start(connection, dispatcher,
                    ServiceOptions.of(SERVICE_NAME, VERSION, DESCRIPTION).withDrainTimeout(DRAIN_TIMEOUT)
                            .withFallback(KmmSubjects.SERVICES + ".>"));
            KmmServer server = new KmmServer(embedded, connection, projecting, runner, dispatcher, overview, url);
            server.watch();
            return server;
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

    /** The accounts projection this service runs (its status, its views). */
    public Projector<AccountEvent, AccountOverview> accounts() {
        return overview;
    }

    /** The connection the service uses. */
    public Connection connection() {
        return connection;
    }

    /**
     * Serves the family's web page on {@code address} ({@code kmm serve --http.addr}), through this
     * service's dispatcher and connection; it stops with the service, first.
     *
     * @throws KmmStartException when the address is in use or cannot be bound
     * @throws IllegalStateException when the service is stopping
     */
    public WebPage openPage(InetSocketAddress address) {
        if (stopping.get()) {
            throw new IllegalStateException("the service is stopping; a web page cannot be opened now");
        }
        WebPage page = WebPage.start(address, dispatcher, connection, new ProjectedAccounts(overview.views()));
        pages.add(page);
        return page;
    }

    /** The embedded nats-server's store directory, or {@code null} when not embedded. */
    public Path dataDir() {
        return embedded == null ? null : embedded.server().storeDir();
    }

    /**
     * Waits until the server has stopped: by {@link #close()}, by a JVM shutdown, or because the
     * embedded nats-server died.
     *
     * @return why it stopped when nobody asked it to, e.g. "the embedded nats-server exited with
     *         code 137 while serving; stopping"; empty after a requested stop
     */
    public Optional<String> awaitStop() throws InterruptedException {
        stopped.await();
        return Optional.ofNullable(failure);
    }

    /**
     * Stops taking requests, lets those in flight reply, drains the connection and stops the
     * embedded nats-server (which flushes its store). Safe to call more than once and from
     * several threads; returns once stopped.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        // Closing the connection as soon as it is lost (nats-server gone) ends the waits below at
        // once: there is nobody left to reply to.
        Thread watchdog = Thread.ofVirtual().name("kmm-serve-stop-watchdog").start(() -> {
            try {
                while (connection.getStatus() == Connection.Status.CONNECTED) {
                    Thread.sleep(STOP_POLL.toMillis());
                }
                closeQuietly(connection);
            } catch (InterruptedException e) {
                // stopped in time
            }
        });
        // pages first: their live streams are consumers on the connection that drains below
        pages.forEach(KmmServer::closeQuietly);
        closeQuietly(runner);
        // gives its lease up, so that another kmm serve goes on with the accounts at once
        closeQuietly(overview);
        closeQuietly(projecting);
        drain();
        watchdog.interrupt();
        if (embedded != null) {
            embedded.server().stop();
            embedded.lock().close();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook waits for this stop and returns
            }
        }
        stopped.countDown();
    }

    /** Stops on a JVM shutdown, and when the embedded nats-server dies under the service. */
    private void watch() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (embedded != null) {
            embedded.server().onExit().thenAccept(code -> {
                if (!stopping.get()) {
                    // told by awaitStop(), which `kmm serve` prints; a log line would say it twice
                    failure = "the embedded nats-server exited with code " + code + " while serving"
                            + lastWords(embedded.server().output()).orElse("") + "; stopping";
                    Thread.ofPlatform().name("kmm-serve-stop").start(this::close);
                }
            });
        }
    }

    /**
     * Flushes what the service sent, then closes: jnats' drain, bounded by the drain timeout.
     * Not {@code ServiceRunner.closeAndDrain}: with it, the stop after the embedded nats-server
     * died hung (ServeCommandTest), next to this class's watchdog that closes a lost connection.
     */
    private void drain() {
        try {
            connection.drain(DRAIN_TIMEOUT).get(DRAIN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException alreadyClosed) {
            // lost during the stop and closed by the watchdog
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "the connection did not drain within {0}: {1}", DRAIN_TIMEOUT,
                    e.getMessage());
        }
        closeQuietly(connection);
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NatsServerProcess startEmbedded(KmmServerOptions options, String servicePassword) {
        try {
            // our own stop sends SIGTERM after the replies are out; a hook of its own would race with it
            NatsServerOptions server = NatsServerOptions.inDirectory(options.dataDir()).withPort(options.port())
                    .withStopOnExit(false);
            if (options.family() != null) {
                server = server.withConfig(FamilyPermissions.authorization(options.family(), Family.SERVICE_USER,
                        servicePassword));
            }
            return NatsServerProcess.of(server).start();
        } catch (NatsServerNotFoundException e) {
            throw new KmmStartException("--nats.embed needs nats-server, which was not found: " + e.getMessage()
                    + "; or run `kmm serve --nats.url <url>` against a nats-server -js of your own", e);
        } catch (NatsServerException e) {
            throw new KmmStartException("the embedded nats-server did not start on 127.0.0.1:" + options.port()
                    + " with data in " + options.dataDir()
                    + lastWords(e.output()).orElse(": " + e.getMessage().lines().findFirst().orElse(""))
                    + "; if another `kmm serve --nats.embed` is running, use it, or pick another --nats.port", e);
        }
    }

    /** The server's log is long; its last fatal or error line says why (usually: the port is taken). */
    private static Optional<String> lastWords(String output) {
        return output.lines().filter(line -> line.contains("[FTL]") || line.contains("[ERR]"))
                .reduce((first, last) -> last)
                .map(line -> ": " + line.replaceFirst("^\\[\\d+] \\S+ \\S+ \\[(FTL|ERR)] ", "").strip());
    }

    private static Connection connect(NatsAccess access, boolean embedded, String name) {
        Options.Builder options = access.options()
                .connectionName(name)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5));
        try {
            return access.connect(options, new ErrorListener() {
            });
        } catch (NatsAccessException e) {
            if (e.kind() == NatsAccessException.Kind.UNREACHABLE) {
                throw new KmmStartException("cannot reach NATS at " + access.show() + (embedded ? ""
                        : ": is nats-server -js running there? Or start one with `kmm serve --nats.embed`"), e);
            }
            throw new KmmStartException(e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // shutting down: the server may be gone already
        }
    }
}
