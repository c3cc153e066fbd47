package io.rita.service;

/**
 * Binds a request subject pattern to what serves it: a {@link CommandRoute} (decide and append),
 * a {@link QueryRoute} (fold and answer), a {@link ProjectionRoute} (answer from a projection's
 * views) or a {@link StreamRoute} (deliver events live).
 *
 * <pre>{@code
 * List<Route> routes = List.of(
 *     CommandRoute.of("kmm.services.*.deposit-funds", DepositFunds.class,
 *                     (req, command) -> "kmm.events.accounts." + req.token(2), accounts),
 *     QueryRoute.of("kmm.services.*.balance", req -> "kmm.events.accounts." + req.token(2), accounts,
 *                   (state, req) -> new Balance(state.balance())),
 *     StreamRoute.of("kmm.services.*.ledger", req -> "kmm.events.accounts." + req.token(2), "kmm.streams"));
 * }</pre>
 *
 * <p>Routes are plain values: no annotations, no reflection on user methods. A pattern may use
 * NATS wildcards ({@code *} for one token, {@code >} for the rest); the request's tokens are
 * checked before any route function sees them.
 */
public sealed interface Route permits CommandRoute, QueryRoute, ProjectionRoute, StreamRoute {

    /** The request subject pattern, e.g. {@code kmm.services.*.deposit-funds}. */
    String pattern();

    /**
     * The endpoint name shown by the NATS service API ({@code $SRV.INFO}); by default the
     * pattern's last literal token, e.g. {@code deposit-funds}.
     */
    String name();

    /** The default endpoint name of a pattern: its last token that is not a wildcard. */
    static String defaultName(String pattern) {
        String[] tokens = pattern.split("\\.");
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (!tokens[i].equals("*") && !tokens[i].equals(">")) {
                return tokens[i].replaceAll("[^A-Za-z0-9_-]", "_");
            }
        }
        return "route";
    }
}
