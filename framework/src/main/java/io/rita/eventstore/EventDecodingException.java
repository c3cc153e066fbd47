package io.rita.eventstore;

/**
 * A loaded event's data could not be decoded into its registered type: the bytes no longer fit
 * the record, an upcaster failed, the event was written at a version newer than this program
 * knows, or it decodes into something the folding decider does not take. Names the type, version,
 * subject and sequence so that the event can be found, and the code that reads it fixed; loading
 * it again fails the same way.
 */
public class EventDecodingException extends EventStoreException {

    private final String type;
    private final int version;
    private final long sequence;

    /** An event of {@code type} stored at {@code version} on {@code subject} at {@code sequence}. */
    public EventDecodingException(String type, int version, String subject, long sequence, Throwable cause) {
        super(subject, "cannot decode event of type '" + type + "'" + (version > 0 ? " version " + version : "")
                + " on " + subject + " at sequence " + sequence + ": " + cause.getMessage(), cause);
        this.type = type;
        this.version = version;
        this.sequence = sequence;
    }

    /** An event whose stored version does not matter to the failure (its {@link #version()} is 0). */
    public EventDecodingException(String type, String subject, long sequence, Throwable cause) {
        this(type, 0, subject, sequence, cause);
    }

    /** The event's type name, as stored. */
    public String type() {
        return type;
    }

    /**
     * The event's stored version ({@code rita-version}; 1 when absent), or 0 when the failure is
     * not about the stored data (it decoded, into something the decider does not fold).
     */
    public int version() {
        return version;
    }

    /** The stream sequence of the event. */
    public long sequence() {
        return sequence;
    }
}
