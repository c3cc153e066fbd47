package io.rita.kmm.service.client;

/**
 * The client could not talk to the KMM service: no NATS server at the address, no service
 * answering on it, no answer in time, or the connection was lost. The message says what to try.
 */
public class NatsUnreachableException extends RuntimeException {

    private final String url;

    /** A failure to reach {@code url}, with a message that includes a hint. */
    public NatsUnreachableException(String url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The NATS address the client used. */
    public String url() {
        return url;
    }
}
