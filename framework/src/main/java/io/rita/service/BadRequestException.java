package io.rita.service;

/**
 * A request that cannot be served as sent: a malformed body, a missing field, a bad subject
 * token, a bad header. The dispatcher replies 400 with the message; nothing is appended.
 *
 * <p>Throw it from a {@link CommandDecoder} or an aggregate subject function to refuse a request
 * with a message meant for the caller:
 *
 * <pre>{@code
 * req -> "orders." + Subjects.requireToken("order id", req.command().orderId())  // IllegalArgumentException: 400 too
 * }</pre>
 *
 * <p>It is an expected outcome, so it carries no stack trace.
 */
public class BadRequestException extends RuntimeException {

    /** A bad request whose message is shown to the caller as is. */
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
