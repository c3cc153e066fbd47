package io.rita.kmm.service.connect;

/**
 * NATS could not be reached as asked: an unknown or unreadable context, a missing or malformed
 * credentials file, credentials the server refused, a certificate that does not verify, or no
 * server at the address. The message is one line that says what to check.
 *
 * <pre>{@code
 * try {
 *     access.connect(access.options().build());
 * } catch (NatsAccessException e) {
 *     System.err.println("kmm: " + e.getMessage());   // e.g. NATS at nats://... refused the credentials ...
 * }
 * }</pre>
 */
public class NatsAccessException extends RuntimeException {

    /** What went wrong, for callers that add a hint of their own. */
    public enum Kind {
        /** The settings: a context, credentials file, key or certificate file that is missing or unusable. */
        SETTINGS,
        /** No NATS server answered at the address. */
        UNREACHABLE,
        /** The server refused the credentials, or asked for some and got none. */
        CREDENTIALS,
        /** TLS failed: a certificate that does not verify, TLS wanted on one side only. */
        TLS
    }

    private final Kind kind;

    /** A failure in the settings, with a message meant for the person who runs the program. */
    public NatsAccessException(String message, Throwable cause) {
        this(Kind.SETTINGS, message, cause);
    }

    /** A failure of this kind, with a message meant for the person who runs the program. */
    public NatsAccessException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
