package io.rita.kmm.service.connect;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The error listener {@link NatsAccess#connect} installs: it remembers the last exception and
 * server error, because jnats reports why a connect failed (a TLS certificate that does not
 * verify, say) only to its listener and then throws a generic "Unable to connect"; errors and
 * exceptions are passed on to the caller's listener.
 */
final class ConnectErrors implements ErrorListener {

    private final ErrorListener next;
    private volatile Exception lastException;
    private volatile String lastError;
    private final CompletableFuture<String> refused = new CompletableFuture<>();

    ConnectErrors(ErrorListener next) {
        this.next = next;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        lastError = error;
        if (isAuthentication(error)) {
            refused.complete(error);
        }
        next.errorOccurred(conn, error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        lastException = exp;
        next.exceptionOccurred(conn, exp);
    }

    /** Completes when the server refuses the credentials; jnats itself would wait for its connect timeout. */
    CompletableFuture<String> refused() {
        return refused;
    }

    static boolean isAuthentication(String error) {
        String lower = error == null ? "" : error.toLowerCase(Locale.ROOT);
        return lower.contains("authorization violation") || lower.contains("authentication");
    }

    Exception lastException() {
        return lastException;
    }

    String lastError() {
        return lastError;
    }
}
