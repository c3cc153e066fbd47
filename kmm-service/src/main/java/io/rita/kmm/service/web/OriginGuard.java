package io.rita.kmm.service.web;

import com.sun.net.httpserver.HttpExchange;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses requests that other web sites make a browser send, since the page has no login.
 *
 * <ul>
 *   <li>On a loopback address, the {@code Host} header must name a loopback host
 *       ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}) and the page's port (403 otherwise).
 *       That stops DNS rebinding: a site whose name is made to resolve to 127.0.0.1 reaches the
 *       port, but its requests carry its own name.</li>
 *   <li>A command (any method but {@code GET} and {@code HEAD}) whose {@code Origin} or
 *       {@code Sec-Fetch-Site} says it comes from another site is refused (403); the page itself
 *       sends same-origin requests.</li>
 * </ul>
 * On another address ({@code --http.addr 0.0.0.0:8080}) any host name is accepted: whoever can
 * reach the address can use the page, which is what binding to it asks for.
 */
final class OriginGuard {

    private static final Pattern LOOPBACK_HOST = Pattern.compile(
            "(localhost|127(\\.\\d{1,3}){3}|\\[::1]|\\[0*:0*:0*:0*:0*:0*:0*:0*1])", Pattern.CASE_INSENSITIVE);

    private final boolean loopback;
    private final int port;

    OriginGuard(InetSocketAddress bound) {
        this.loopback = bound.getAddress().isLoopbackAddress();
        this.port = bound.getPort();
    }

    /**
     * @throws HttpError 403 when the request is one of the above
     */
    void check(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (loopback && !isLoopbackHost(host)) {
            throw new HttpError(403, "this page answers to 127.0.0.1:" + port + " and localhost:" + port
                    + " only, not to the host '" + PagePath.shorten(host) + "'");
        }
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return;
        }
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new HttpError(403, "commands are taken from this page only, not from another site ("
                    + PagePath.shorten(site) + ")");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            throw new HttpError(403, "commands are taken from this page only, not from " + PagePath.shorten(origin));
        }
    }

    private boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        String name = value;
        String givenPort = null;
        if (colon > 0 && value.indexOf(']') < colon) {
            name = value.substring(0, colon);
            givenPort = value.substring(colon + 1);
        }
        boolean portFits = givenPort == null ? port == 80 : givenPort.equals(Integer.toString(port));
        return portFits && LOOPBACK_HOST.matcher(name).matches();
    }
}
