package io.rita.kmm.service;

/**
 * A message body that is not what the protocol expects: not JSON, the wrong shape, a field
 * that is not a decimal or a time. The message is meant for the sender, e.g.
 * {@code Amount must be a decimal number like "7.5", was "ten"}.
 */
public class WireFormatException extends RuntimeException {

    /** A format error with a message meant for the sender. */
    public WireFormatException(String message) {
        super(message);
    }

    /** A format error with a message meant for the sender and the parser's exception. */
    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
