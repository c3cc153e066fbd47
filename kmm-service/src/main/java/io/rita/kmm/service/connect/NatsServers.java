package io.rita.kmm.service.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server addresses as people write them: {@code nats://host:4222}, {@code tls://host:4222},
 * or {@code host:4222} without a scheme ({@code nats://} is added); several separated by commas.
 *
 * <pre>{@code
 * NatsServers.parse("127.0.0.1:4837, tls://nats.example:4222");   // [nats://127.0.0.1:4837, tls://nats.example:4222]
 * }</pre>
 */
public final class NatsServers {

    private NatsServers() {
    }

    /**
     * The addresses in {@code text}, each with a scheme.
     *
     * @throws IllegalArgumentException when the text holds no address
     */
    public static List<String> parse(String text) {
        List<String> servers = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String server = part.strip();
            if (!server.isEmpty()) {
                servers.add(server.toLowerCase(Locale.ROOT).matches("^[a-z][a-z0-9+.-]*://.*") ? server
                        : "nats://" + server);
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no NATS server address in '" + text + "'");
        }
        return List.copyOf(servers);
    }

    /** The addresses as shown in messages: joined by commas, any password in them hidden. */
    public static String show(List<String> servers) {
        return String.join(",", servers.stream().map(NatsServers::withoutSecret).toList());
    }

    /** {@code nats://mum:secret@host} becomes {@code nats://mum:***@host}; a token before '@' becomes ***. */
    static String withoutSecret(String server) {
        int scheme = server.indexOf("://");
        int at = server.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return server;
        }
        String userInfo = server.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String hidden = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return server.substring(0, scheme + 3) + hidden + server.substring(at);
    }
}
