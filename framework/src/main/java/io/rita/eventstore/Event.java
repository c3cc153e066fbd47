package io.rita.eventstore;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event to append: what happened ({@code data}, and its {@code type} name), and optionally
 * under which id, when, and with which metadata. What a load returns is a {@link StoredEvent}.
 *
 * <pre>{@code
 * store.append("orders.1", List.of(Event.of(new OrderPlaced("book"))));          // type from the registry
 * store.append("blobs.7", List.of(Event.of("blob-stored", bytes)));              // raw registry: bytes + type
 * store.append("orders.1", List.of(Event.of(new OrderShipped()).withId("ship-1"))); // an id makes a retry safe
 * }</pre>
 *
 * <p>The store fills in what is {@code null}: the id (from {@link RitaOptions#ids()}), the time
 * (from {@link RitaOptions#clock()}, one instant for all events of an append) and the type name
 * (from the registry, by the data's class).
 *
 * @param id   unique event id, or {@code null} for a generated one; the first event's id of an append
 *             is its {@code Nats-Msg-Id}, so re-appending the same events with the same ids is
 *             recognised as a retry
 * @param time when the event happened, or {@code null} for the store clock's now
 * @param type the event type name ({@code rita-type}), or {@code null} to take it from the registry
 * @param data a registered record, or {@code byte[]} with the {@linkplain io.rita.types.TypeRegistry#raw() raw registry}
 * @param meta application metadata ({@code rita-meta-<key>} headers; keys letters, digits, {@code _}
 *             and {@code -}; values printable ASCII); never {@code null}
 */
public record Event(String id, OffsetDateTime time, String type, Object data, Map<String, String> meta) {

    public Event {
        Objects.requireNonNull(data, "event data");
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /** A new event whose type the registry derives from the data's class. */
    public static Event of(Object data) {
        return new Event(null, null, null, data, Map.of());
    }

    /** A new event of an explicit type (required with the raw registry). */
    public static Event of(String type, Object data) {
        return new Event(null, null, type, data, Map.of());
    }

    /** This event with the given id. */
    public Event withId(String newId) {
        return new Event(newId, time, type, data, meta);
    }

    /** This event with the given time. */
    public Event withTime(OffsetDateTime newTime) {
        return new Event(id, newTime, type, data, meta);
    }

    /** This event with its metadata replaced. */
    public Event withMeta(Map<String, String> newMeta) {
        return new Event(id, time, type, data, newMeta);
    }

    /** This event with one more metadata entry. */
    public Event withMeta(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(meta);
        copy.put(key, value);
        return new Event(id, time, type, data, copy);
    }
}
