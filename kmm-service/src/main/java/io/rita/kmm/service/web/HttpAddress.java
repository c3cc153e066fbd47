package io.rita.kmm.service.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the address of {@code kmm serve --http.addr}: {@code HOST:PORT}, or a port alone
 * ({@code 8080} or {@code :8080}), which means the loopback address 127.0.0.1, so that the page
 * is not reachable from other machines unless a host is named.
 *
 * <pre>{@code
 * HttpAddress.parse("8080");            // 127.0.0.1:8080
 * HttpAddress.parse(":0");              // 127.0.0.1, any free port
 * HttpAddress.parse("0.0.0.0:8080");    // every interface: the whole network may reach the page
 * HttpAddress.parse("[::1]:8080");      // IPv6 loopback
 * }</pre>
 *
 * @throws IllegalArgumentException from {@link #parse} with a message naming the bad value and
 *                                  the accepted forms
 */
public final class HttpAddress {

    /** The host of an address given as a port alone. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.%\\w]+]|[^:\\[\\]\\s]*):(\\d{1,5})");
    private static final String FORMS = "use HOST:PORT, :PORT or PORT (e.g. 127.0.0.1:8080, or 0 for a free port)";

    private HttpAddress() {
    }

    /**
     * The socket address that {@code text} names.
     *
     * @throws IllegalArgumentException when the text is not one of the accepted forms, the port
     *                                  is over 65535, or the host does not resolve
     */
    public static InetSocketAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the web page's address is empty; " + FORMS);
        }
        String value = text.strip();
        if (PORT.matcher(value).matches()) {
            return resolve(DEFAULT_HOST, port(value, text), text);
        }
        Matcher matcher = HOST_AND_PORT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an address; " + FORMS);
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return resolve(host.isEmpty() ? DEFAULT_HOST : host, port(matcher.group(2), text), text);
    }

    private static int port(String digits, String text) {
        int port = Integer.parseInt(digits);
        if (port > 65_535) {
            throw new IllegalArgumentException("port " + port + " in '" + text + "' is over 65535; " + FORMS);
        }
        return port;
    }

    private static InetSocketAddress resolve(String host, int port, String text) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + host + "' in '" + text + "' is not known to this machine; "
                    + "name one of its addresses, or leave the host out for 127.0.0.1", e);
        }
    }
}
