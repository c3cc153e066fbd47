package io.rita.eventstore;

/**
 * The event store could not do what was asked: the server is unreachable, the stream is
 * missing, or the server refused the request. Subclasses name the cases callers handle.
 */
public class EventStoreException extends RuntimeException {

    private final String subject;

    public EventStoreException(String subject, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
    }

    public EventStoreException(String subject, String message) {
        this(subject, message, null);
    }

    /** The subject concerned, or {@code null} for store-wide failures. */
    public String subject() {
        return subject;
    }
}
