package io.rita.kmm.service;

/**
 * {@code kmm serve} could not start: nats-server is missing or did not come up, NATS cannot be
 * reached, or the store cannot be set up. The message says what to do.
 */
public class KmmStartException extends RuntimeException {

    /** A start failure with a message meant for the person running {@code kmm serve}. */
    public KmmStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
