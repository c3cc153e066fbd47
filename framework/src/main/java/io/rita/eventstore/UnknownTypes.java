package io.rita.eventstore;

/**
 * What a load does with an event whose type the registry does not know.
 *
 * <pre>{@code
 * store.load("orders.1");                                   // FAIL: EventDecodingException
 * for (StoredEvent event : store.load("orders.1", 0, UnknownTypes.KEEP).events()) {
 *     if (event.data() instanceof Encoded unknown) {        // the stored bytes, as they are
 *         continue;
 *     }
 *     ...
 * }
 * }</pre>
 */
public enum UnknownTypes {

    /** The load fails with {@link EventDecodingException} naming the type, subject and sequence (the default). */
    FAIL,

    /**
     * The load returns the event with its stored type name, subject and sequence, and an
     * {@link io.rita.types.Encoded} as its data (the stored type name, version, codec and bytes,
     * undecoded), for the caller to skip or handle.
     */
    KEEP
}
