package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.nats.client.NUID;
import io.rita.eventstore.EventStoreException;

import java.io.IOException;
import java.util.Map;

/**
 * Routes every request of the page (see the table in {@code docs/kmm.md}) and turns whatever goes
 * wrong into a status and a message: {@link HttpError}s as they are, a store that cannot be
 * reached as 503, anything else as 500 with a reference to the log, never a stack trace.
 */
final class PageRoutes implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(PageRoutes.class.getName());
    private static final String READ = "GET, HEAD";

    private final OriginGuard guard;
    private final StaticFiles files;
    private final AccountQueries queries;
    private final CommandEndpoint commands;
    private final LiveEndpoints live;

    PageRoutes(OriginGuard guard, StaticFiles files, AccountQueries queries, CommandEndpoint commands,
               LiveEndpoints live) {
        this.guard = guard;
        this.files = files;
        this.queries = queries;
        this.commands = commands;
        this.live = live;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            HttpReplies.secure(exchange);
            try {
                guard.check(exchange);
                route(exchange, PagePath.parse(exchange.getRequestURI().getRawPath()));
            } catch (HttpError e) {
                answer(exchange, e);
            } catch (EventStoreException e) {
                LOG.log(System.Logger.Level.WARNING, "the web page cannot read the store", e);
                answer(exchange, new HttpError(503, "the store cannot be reached (" + e.getMessage()
                        + "); the page retries when reloaded"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the browser went away: nobody to answer
            } catch (RuntimeException e) {
                String reference = NUID.nextGlobal();
                LOG.log(System.Logger.Level.ERROR, "web page request " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI() + " failed (reference " + reference + ")", e);
                answer(exchange, new HttpError(500, "internal error (reference " + reference + ")"));
            }
        }
    }

    private void route(HttpExchange exchange, PagePath path) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        if (path.segments().size() <= 1 && (path.segments().isEmpty() || files.has(path.segments().getFirst()))) {
            allow(method, path, READ);
            files.send(exchange, path.segments().isEmpty() ? "" : path.segments().getFirst());
        } else if (path.is("api", "accounts")) {
            allow(method, path, "GET");
            HttpReplies.json(exchange, 200, Map.of("accounts", queries.all()));
        } else if (path.is("api", "events")) {
            allow(method, path, "GET");
            live.events(exchange, ledgerOf(exchange.getRequestURI().getRawQuery()));
        } else if (path.matches(3, "api", "accounts")) {
            allow(method, path, "GET");
            HttpReplies.json(exchange, 200, queries.summary(path.account(2)));
        } else if (path.matches(4, "api", "accounts")) {
            String account = path.account(2);
            String operation = CommandEndpoint.requireOperation(path.segments().get(3));
            allow(method, path, "POST");
            commands.handle(exchange, account, operation);
        } else {
            throw new HttpError(404, "nothing here: " + PagePath.shorten(path.raw())
                    + "; the page is at /, its API under /api/accounts");
        }
    }

    /**
     * The account of {@code ledger=<account>} in the events stream's query, or {@code null}.
     *
     * @throws HttpError 400 for any other parameter, or an account that is not one word
     */
    private static String ledgerOf(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        String[] pair = rawQuery.split("=", 2);
        if (rawQuery.contains("&") || !pair[0].equals("ledger") || pair.length < 2) {
            throw new HttpError(400, "/api/events takes one parameter, ledger=<account>, not '"
                    + PagePath.shorten(rawQuery) + "'");
        }
        return PagePath.requireAccount(PagePath.decode(pair[1], "/api/events?" + rawQuery));
    }

    private static void allow(String method, PagePath path, String allowed) {
        for (String one : allowed.split(",\\s*")) {
            if (one.equals(method)) {
                return;
            }
        }
        throw HttpError.methodNotAllowed(method, path.raw(), allowed);
    }

    private static void answer(HttpExchange exchange, HttpError error) {
        if (exchange.getResponseCode() != -1) {
            return;   // a stream had started: it just ends
        }
        try {
            HttpReplies.error(exchange, error);
        } catch (IOException e) {
            // the browser went away
        }
    }
}
