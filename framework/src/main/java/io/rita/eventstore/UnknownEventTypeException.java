package io.rita.eventstore;

/** A loaded event has a type that the type registry does not know. */
public class UnknownEventTypeException extends EventStoreException {

    private final String type;
    private final long sequence;

    public UnknownEventTypeException(String type, String subject, long sequence) {
        super(subject, "unknown event type '" + type + "' on " + subject + " at sequence " + sequence
                + ": register it in the TypeRegistry");
        this.type = type;
        this.sequence = sequence;
    }

    /** The unknown type name. */
    public String type() {
        return type;
    }

    /** The stream sequence of the event. */
    public long sequence() {
        return sequence;
    }
}
