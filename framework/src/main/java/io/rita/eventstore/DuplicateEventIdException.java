package io.rita.eventstore;

/**
 * An append reused an event id that is already stored on another subject. Nothing was
 * appended. Event ids must be unique across the store: JetStream de-duplicates by id
 * stream-wide, so the append would otherwise be silently dropped.
 */
public class DuplicateEventIdException extends EventStoreException {

    private final String eventId;
    private final String storedOn;
    private final long storedAt;

    public DuplicateEventIdException(String subject, String eventId, String storedOn, long storedAt) {
        super(subject, "event id '" + eventId + "' is already stored on " + storedOn + " at sequence " + storedAt
                + "; nothing was appended to " + subject + ": event ids must be unique");
        this.eventId = eventId;
        this.storedOn = storedOn;
        this.storedAt = storedAt;
    }

    /** The reused id. */
    public String eventId() {
        return eventId;
    }

    /** The subject that already holds an event with this id. */
    public String storedOn() {
        return storedOn;
    }

    /** The stream sequence of that event. */
    public long storedAt() {
        return storedAt;
    }
}
