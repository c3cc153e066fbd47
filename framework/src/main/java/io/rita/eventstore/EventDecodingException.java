package io.rita.eventstore;

/**
 * A loaded event's data could not be decoded by its codec into its registered type
 * (for example, the JSON no longer fits the record). Names the type, subject and sequence
 * so that the event can be found and repaired or upcast.
 */
public class EventDecodingException extends EventStoreException {

    private final String type;
    private final long sequence;

    public EventDecodingException(String type, String subject, long sequence, Throwable cause) {
        super(subject, "cannot decode event of type '" + type + "' on " + subject + " at sequence " + sequence
                + ": " + cause.getMessage(), cause);
        this.type = type;
        this.sequence = sequence;
    }

    /** The event's type name. */
    public String type() {
        return type;
    }

    /** The stream sequence of the event. */
    public long sequence() {
        return sequence;
    }
}
