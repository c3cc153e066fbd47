package io.rita.kmm.service.connect;

import io.nats.client.AuthenticationException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed connect into one line that says what is wrong and what to check: refused or
 * missing credentials, a certificate that does not verify, TLS on one side only, or nobody at
 * the address.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    static NatsAccessException explain(NatsAccess access, Exception failure, ConnectErrors errors) {
        String where = "NATS at " + NatsServers.show(access.servers());
        String serverError = errors.lastError() == null ? "" : errors.lastError().strip();
        String text = (failure.getMessage() == null ? "" : failure.getMessage()) + " " + serverError;
        String lower = text.toLowerCase(Locale.ROOT);
        if (failure instanceof AuthenticationException || ConnectErrors.isAuthentication(text)) {
            String reason = serverError.isEmpty() ? "Authorization Violation" : serverError;
            if (access.credentials() instanceof NatsCredentials.None && !access.hasUserInUrl()) {
                return new NatsAccessException(NatsAccessException.Kind.CREDENTIALS, where + " requires credentials ("
                        + reason + "): give a credentials file, or a NATS context with a user, token, NKey or creds",
                        failure);
            }
            return new NatsAccessException(NatsAccessException.Kind.CREDENTIALS, where + " refused "
                    + (access.hasUserInUrl() && access.credentials() instanceof NatsCredentials.None
                    ? "the user in the URL" : access.credentials().describe()) + " (" + reason + ")"
                    + access.origin() + ": check them", failure);
        }
        if (lower.contains("ssl required by server")) {
            return new NatsAccessException(NatsAccessException.Kind.TLS, where + " requires TLS: connect with "
                    + "tls://... and a NATS context whose ca verifies the server's certificate", failure);
        }
        if (lower.contains("ssl connection wanted by client")) {
            return new NatsAccessException(NatsAccessException.Kind.TLS, where + " does not offer TLS, but "
                    + "tls:// or the context's TLS files ask for it: use nats://, or enable TLS on the server", failure);
        }
        Throwable tls = find(errors.lastException(), failure);
        if (tls != null) {
            return new NatsAccessException(NatsAccessException.Kind.TLS, tlsReason(access, where, tls), failure);
        }
        if (access.usesTls() && errors.lastException() instanceof TimeoutException) {
            // TLS 1.3: a server that wants a client certificate (or not this one) closes the
            // connection after the handshake, which jnats notices only when its connect times out
            return new NatsAccessException(NatsAccessException.Kind.TLS, where + " did not go on after the TLS "
                    + "handshake: it verifies clients and did not accept "
                    + (access.tls().cert() != null ? "the client certificate " + access.tls().cert()
                    : "a connection without a client certificate")
                    + "; set the context's cert and key to a certificate its CA signed", failure);
        }
        Throwable cause = errors.lastException() != null ? errors.lastException() : failure;
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new NatsAccessException(NatsAccessException.Kind.UNREACHABLE, "cannot reach " + where + " ("
                + detail.lines().findFirst().orElse("").strip() + ")", failure);
    }

    private static String tlsReason(NatsAccess access, String where, Throwable tls) {
        if (has(tls, CertPathBuilderException.class) || has(tls, CertPathValidatorException.class)
                || String.valueOf(tls.getMessage()).contains("PKIX")) {
            return "the TLS certificate of " + where + " does not verify against "
                    + (access.tls().ca() != null ? "the CA in " + access.tls().ca()
                    : "the JVM's trusted certificate authorities")
                    + ": set the context's ca to the certificate authority that signed it";
        }
        String message = String.valueOf(tls.getMessage());
        if (message.contains("certificate_required") || message.contains("bad_certificate")
                || message.contains("unknown_ca") || message.contains("certificate_unknown")) {
            return where + " did not accept "
                    + (access.tls().cert() != null ? "the client certificate " + access.tls().cert()
                    : "a connection without a client certificate")
                    + " (" + message.strip() + "): set the context's cert and key to a certificate its CA signed";
        }
        return "TLS with " + where + " failed: " + message.strip();
    }

    /** Closes a connection made after we stopped waiting for it. */
    static void closeQuietly(io.nats.client.Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first TLS or certificate exception in the causes of either. */
    private static Throwable find(Throwable... failures) {
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SSLException || t instanceof CertificateException
                        || t instanceof SSLHandshakeException) {
                    return t;
                }
            }
        }
        return null;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
