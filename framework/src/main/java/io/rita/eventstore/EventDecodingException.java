package io.rita.eventstore;

/**
 * A loaded event could not be read into a Java type: its type is not in the
 * {@link io.rita.types.TypeRegistry} ({@link #unknownType()}), or its data does not fit the
 * registered record, an upcaster failed, the event was written at a version newer than this
 * program knows, or it decodes into something the folding decider does not take. Names the type,
 * version, subject and sequence so that the event can be found, and the code that reads it fixed;
 * loading it again fails the same way until the code knows the event.
 *
 * <pre>{@code
 * try {
 *     store.load("orders.1");
 * } catch (EventDecodingException e) {
 *     log.error(e.unknownType() ? "register " + e.type() : "fix the reader of " + e.type(), e);
 * }
 * }</pre>
 */
public class EventDecodingException extends EventStoreException {

    private final String type;
    private final int version;
    private final long sequence;
    private final boolean unknownType;

    /** An event of {@code type} stored at {@code version} on {@code subject} at {@code sequence}. */
    public EventDecodingException(String type, int version, String subject, long sequence, Throwable cause) {
        this(type, version, subject, sequence, "cannot decode event of type '" + type + "'"
                + (version > 0 ? " version " + version : "") + " on " + subject + " at sequence " + sequence + ": "
                + cause.getMessage(), cause, false);
    }

    /** An event whose stored version does not matter to the failure (its {@link #version()} is 0). */
    public EventDecodingException(String type, String subject, long sequence, Throwable cause) {
        this(type, 0, subject, sequence, cause);
    }

    private EventDecodingException(String type, int version, String subject, long sequence, String message,
                                   Throwable cause, boolean unknownType) {
        super(subject, message, cause);
        this.type = type;
        this.version = version;
        this.sequence = sequence;
        this.unknownType = unknownType;
    }

    /**
     * An event of a type that the registry does not know, stored at {@code version} on
     * {@code subject} at {@code sequence}: its {@link #unknownType()} is true.
     */
    public static EventDecodingException ofUnknownType(String type, int version, String subject, long sequence) {
        return new EventDecodingException(type, version, subject, sequence, "unknown event type '" + type + "' on "
                + subject + " at sequence " + sequence + ": register it in the TypeRegistry", null, true);
    }

    /**
     * A message on {@code subject} at {@code sequence} that is not a Rita event at all (another
     * program published it to a subject of the store): its {@link #type()} is null.
     */
    static EventDecodingException ofForeignMessage(String subject, long sequence, IllegalStateException cause) {
        return new EventDecodingException(null, 0, subject, sequence, "message " + sequence + " on " + subject
                + " is not a readable Rita event: " + cause.getMessage(), cause, false);
    }

    /**
     * The event's type name, as stored; null when the message is not a Rita event at all (no
     * type to name: another program published it to the store's subject).
     */
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

    /**
     * Whether the event's type is missing from the registry (then there is no cause): the program
     * needs to register it, or load with {@link UnknownTypes#KEEP} to get it as encoded bytes.
     */
    public boolean unknownType() {
        return unknownType;
    }
}
