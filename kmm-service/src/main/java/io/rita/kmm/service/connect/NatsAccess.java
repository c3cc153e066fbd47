package io.rita.kmm.service.connect;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Everything needed to reach a NATS server as one user: the server URL(s), the credentials, TLS,
 * and the reply inbox prefix; built from a {@code nats} CLI context or piece by piece, then
 * used to make jnats options and connect.
 *
 * <pre>{@code
 * NatsAccess access = NatsAccess.from(NatsContext.load("kid", System.getenv()), "nats://127.0.0.1:4222");
 * Connection connection = access.connect(access.options().connectionName("kmm").noReconnect(), new ErrorListener() {});
 * }</pre>
 *
 * @param servers     the server URLs, each with a scheme ({@code nats://}, {@code tls://})
 * @param credentials who connects
 * @param tls         the TLS files; {@link NatsTls#NONE} for none
 * @param inboxPrefix the reply inbox prefix, or {@code null} for jnats' {@code _INBOX.}
 * @param source      where the credentials came from, for messages ({@code context 'kid'}), or {@code ""}
 * @see NatsAccessException thrown by {@link #from}, {@link #options} and {@link #connect}
 */
public record NatsAccess(List<String> servers, NatsCredentials credentials, NatsTls tls, String inboxPrefix,
                         String source) {

    /** Checks and copies. */
    public NatsAccess {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no NATS server address given");
        }
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(source, "source");
    }

    /** These servers, without credentials or TLS files. */
    public static NatsAccess of(List<String> servers) {
        return new NatsAccess(servers, new NatsCredentials.None(), NatsTls.NONE, null, "");
    }

    /**
     * What a context says; its URL, or {@code defaultUrl} when it names none.
     *
     * @throws NatsAccessException when the context sets more than one kind of credentials
     */
    public static NatsAccess from(NatsContext context, String defaultUrl) {
        List<String> kinds = new ArrayList<>();
        NatsCredentials credentials = new NatsCredentials.None();
        if (context.user() != null) {
            kinds.add("user");
            credentials = new NatsCredentials.UserPassword(context.user(),
                    context.password() == null ? "" : context.password());
        }
        if (context.token() != null) {
            kinds.add("token");
            credentials = new NatsCredentials.Token(context.token());
        }
        if (context.creds() != null) {
            kinds.add("creds");
            credentials = new NatsCredentials.CredsFile(Path.of(context.creds()));
        }
        if (context.nkey() != null) {
            kinds.add("nkey");
            credentials = new NatsCredentials.NKeySeedFile(Path.of(context.nkey()));
        }
        if (context.userJwt() != null || context.userSeed() != null) {
            kinds.add("user_jwt");
            credentials = new NatsCredentials.UserJwt(context.userJwt(), context.userSeed());
        }
        if (kinds.size() > 1) {
            throw new NatsAccessException("NATS context '" + context.name() + "' sets more than one kind of "
                    + "credentials (" + String.join(", ", kinds) + "): keep one", null);
        }
        NatsTls tls = new NatsTls(path(context.ca()), path(context.cert()), path(context.key()), context.tlsFirst());
        String url = context.url() != null ? context.url() : defaultUrl;
        return new NatsAccess(NatsServers.parse(url), credentials, tls, context.inboxPrefix(),
                "context '" + context.name() + "'");
    }

    /** These settings with other servers. */
    public NatsAccess withServers(List<String> newServers) {
        return new NatsAccess(newServers, credentials, tls, inboxPrefix, source);
    }

    /** These settings with other credentials, from {@code newSource} (e.g. {@code --nats.creds}). */
    public NatsAccess withCredentials(NatsCredentials newCredentials, String newSource) {
        return new NatsAccess(servers, newCredentials, tls, inboxPrefix, newSource);
    }

    /** Whether a URL carries a user or token before {@code @}. */
    public boolean hasUserInUrl() {
        return servers.stream().anyMatch(s -> s.indexOf('@') > s.indexOf("://"));
    }

    /** Whether the connection uses TLS: a {@code tls://} URL or TLS files. */
    public boolean usesTls() {
        return tls.isSet() || servers.stream().anyMatch(s -> s.regionMatches(true, 0, "tls://", 0, 6));
    }

    /** The servers as shown in messages, passwords hidden. */
    public String show() {
        return NatsServers.show(servers);
    }

    /** {@code " (from context 'kid')"}, or {@code ""}. */
    String origin() {
        return source.isEmpty() ? "" : " (from " + source + ")";
    }

    /**
     * A jnats options builder with the servers, credentials, TLS and inbox prefix set; the
     * caller adds its own settings (timeouts, reconnects) and passes it to {@link #connect}.
     *
     * @throws NatsAccessException   when a credentials, key or certificate file is missing or malformed
     * @throws IllegalArgumentException when a server address is not a URL
     */
    public Options.Builder options() {
        Options.Builder options = new Options.Builder();
        try {
            options.servers(servers.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + show() + "' is not a NATS server address like "
                    + "nats://127.0.0.1:4222: " + e.getMessage(), e);
        }
        credentials.applyTo(options);
        if (tls.ca() != null || tls.cert() != null || tls.key() != null) {
            options.sslContext(tls.sslContext());
        }
        if (tls.first()) {
            options.tlsFirst();
        }
        if (inboxPrefix != null) {
            options.inboxPrefix(inboxPrefix);
        }
        return options;
    }

    /**
     * Connects with these options; {@code listener} gets the connection's errors and exceptions
     * (only those: other callbacks of jnats' listener are not passed on).
     *
     * @throws NatsAccessException with one line that says why, when the connect fails
     */
    public Connection connect(Options.Builder options, ErrorListener listener) {
        ConnectErrors errors = new ConnectErrors(listener);
        Options built = options.errorListener(errors).build();
        // jnats learns at once that the server refused the credentials, but then waits for its
        // connect timeout before it gives up: with one server (nothing else to try) we do not wait
        CompletableFuture<Connection> attempt = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("nats-connect").start(() -> {
            try {
                attempt.complete(Nats.connect(built));
            } catch (Throwable e) {
                attempt.completeExceptionally(e);
            }
        });
        try {
            Object first = servers.size() == 1 ? CompletableFuture.anyOf(attempt, errors.refused()).get()
                    : attempt.get();
            if (first instanceof Connection connection) {
                return connection;
            }
            attempt.thenAccept(ConnectFailure::closeQuietly);
            throw ConnectFailure.explain(this, new IOException(String.valueOf(first)), errors);
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception exception ? exception : e;
            throw ConnectFailure.explain(this, cause, errors);
        } catch (InterruptedException e) {
            attempt.thenAccept(ConnectFailure::closeQuietly);
            Thread.currentThread().interrupt();
            throw new NatsAccessException(NatsAccessException.Kind.UNREACHABLE, "interrupted while connecting to "
                    + "NATS at " + show(), e);
        }
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }

    @Override
    public String toString() {
        return "NatsAccess[" + show() + ", " + credentials.describe() + origin() + "]";
    }
}
