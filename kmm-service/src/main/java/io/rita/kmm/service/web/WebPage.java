package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpServer;
import io.nats.client.Connection;
import io.rita.kmm.service.KmmStartException;
import io.rita.service.Dispatcher;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The family's web page, served over HTTP by the JDK's built-in server: every account with its
 * balance and budget, the balance over time, the live ledger, and forms for the four commands.
 *
 * <pre>{@code
 * try (WebPage page = WebPage.start(HttpAddress.parse("8080"), dispatcher, connection,
 *                                   new ProjectedAccounts(projector.views()))) {
 *     System.out.println(page.url());   // http://127.0.0.1:8080/
 * }
 * }</pre>
 *
 * <p>Commands and queries go through {@code dispatcher}, the one that serves the NATS endpoints,
 * so the page's deposits are the endpoints' deposits: the same checks, refusals and events. The
 * live ledger follows the store on {@code connection}. Each request runs on a virtual thread, so
 * open event streams cost no platform threads. There is no login: see {@link OriginGuard} and
 * the security notes in {@code docs/kmm.md} for who can reach the page.
 *
 * @see KmmStartException thrown by {@link #start} when the address cannot be bound
 */
public final class WebPage implements AutoCloseable {

    /**
     * JetStream consumers the page's event streams hold at once: a browser tab holds one, two
     * while it shows an account. Beyond it, a new stream is refused with 503.
     */
    public static final int MAX_LIVE_FEEDS = 200;

    private final HttpServer server;
    private final ExecutorService requests;
    private final LiveFeeds feeds;
    private final LiveEndpoints live;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebPage(HttpServer server, ExecutorService requests, LiveFeeds feeds, LiveEndpoints live) {
        this.server = server;
        this.requests = requests;
        this.feeds = feeds;
        this.live = live;
    }

    /**
     * Starts serving the page on {@code address} (port 0: a free port, see {@link #address()}).
     *
     * @param address    where to listen
     * @param dispatcher the service's dispatcher, with KMM's routes
     * @param connection the service's NATS connection, for the live streams
     * @param accounts   the accounts to list
     * @throws KmmStartException when the address is in use or cannot be bound
     */
    public static WebPage start(InetSocketAddress address, Dispatcher dispatcher, Connection connection,
                                AccountList accounts) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(accounts, "accounts");
        StaticFiles files = StaticFiles.load();
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new KmmStartException("cannot serve the web page on " + text(address) + ": " + e.getMessage()
                    + "; pick another port with --http.addr (0 picks a free one)", e);
        } catch (IOException e) {
            throw new KmmStartException("cannot serve the web page on " + text(address) + ": " + e.getMessage(), e);
        }
        LiveFeeds feeds = new LiveFeeds(connection, dispatcher.store().name(), MAX_LIVE_FEEDS);
        LiveEndpoints live = new LiveEndpoints(feeds);
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(requests);
        server.createContext("/", new PageRoutes(new OriginGuard(server.getAddress()), files,
                new AccountQueries(dispatcher, accounts), new CommandEndpoint(dispatcher), live));
        server.start();
        return new WebPage(server, requests, feeds, live);
    }

    /** The address the page listens on, with the port the system picked for port 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The page's URL, e.g. {@code http://127.0.0.1:8080/}; on the wildcard address (every
     * interface) the loopback one, which reaches it from this machine.
     */
    public URI url() {
        InetSocketAddress address = address();
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            address = new InetSocketAddress(HttpAddress.DEFAULT_HOST, address.getPort());
        }
        return URI.create("http://" + text(address) + "/");
    }

    /**
     * Ends the open event streams, stops taking requests and waits up to a second for those in
     * flight. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        live.close();
        server.stop(1);
        requests.shutdownNow();
        feeds.close();
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return host + ":" + address.getPort();
    }
}
