package io.rita.eventstore;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event: what happened ({@code type}, {@code data}), when, and under which id.
 *
 * <pre>{@code
 * store.append("orders.1", List.of(Event.of(new OrderPlaced("book"))));     // type from the registry
 * store.append("blobs.7", List.of(Event.of("blob-stored", bytes)));         // no registry: bytes + type
 * }</pre>
 *
 * <p>{@code id} and {@code time} are filled in on append when {@code null} (NUID and the
 * store's clock). {@code type} may be {@code null} on append when the registry knows the data's
 * class. {@code subject} and {@code sequence} are set on load only; events appended together
 * in one call share one stream sequence (they travel as one message, see {@code docs/wire-format.md}).
 *
 * @param id       unique event id; the first event's id of an append is its {@code Nats-Msg-Id}, so
 *                 re-appending the same events with the same ids is recognised as a retry
 * @param time     when the event happened, with its offset
 * @param type     the event type name ({@code rita-type})
 * @param data     a registered record, or {@code byte[]} without a registry
 * @param meta     application metadata ({@code rita-meta-<key>} headers; keys letters, digits, {@code _}
 *                 and {@code -}; values printable ASCII); never {@code null}
 * @param subject  the aggregate subject, set on load ({@code null} before)
 * @param sequence the stream sequence, set on load ({@code 0} before)
 */
public record Event(String id, OffsetDateTime time, String type, Object data,
                    Map<String, String> meta, String subject, long sequence) {

    public Event {
        Objects.requireNonNull(data, "event data");
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /** A new event whose type the registry derives from the data's class. */
    public static Event of(Object data) {
        return new Event(null, null, null, data, Map.of(), null, 0);
    }

    /** A new event of an explicit type (required when there is no registry). */
    public static Event of(String type, Object data) {
        return new Event(null, null, type, data, Map.of(), null, 0);
    }

    /** This event with the given id. */
    public Event withId(String newId) {
        return new Event(newId, time, type, data, meta, subject, sequence);
    }

    /** This event with the given time. */
    public Event withTime(OffsetDateTime newTime) {
        return new Event(id, newTime, type, data, meta, subject, sequence);
    }

    /** This event with the given type name. */
    public Event withType(String newType) {
        return new Event(id, time, newType, data, meta, subject, sequence);
    }

    /** This event with its metadata replaced. */
    public Event withMeta(Map<String, String> newMeta) {
        return new Event(id, time, type, data, newMeta, subject, sequence);
    }

    /** This event with one more metadata entry. */
    public Event withMeta(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(meta);
        copy.put(key, value);
        return new Event(id, time, type, data, copy, subject, sequence);
    }

    /** This event as loaded from {@code subject} at {@code sequence}. */
    public Event at(String newSubject, long newSequence) {
        return new Event(id, time, type, data, meta, newSubject, newSequence);
    }

    /**
     * The data as the given type.
     *
     * @throws ClassCastException when the data is of another type
     */
    public <T> T dataAs(Class<T> dataType) {
        return dataType.cast(data);
    }
}
