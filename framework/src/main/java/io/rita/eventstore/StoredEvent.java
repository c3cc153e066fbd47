package io.rita.eventstore;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * An event as a load returns it: everything that was appended, plus where it is stored.
 *
 * <pre>{@code
 * for (StoredEvent event : store.load("orders.1").events()) {
 *     if (event.data() instanceof OrderShipped shipped) { ... }
 * }
 * }</pre>
 *
 * <p>Events appended together in one call share one stream sequence (they travel as one
 * message, see {@code docs/wire-format.md}).
 *
 * @param id       the event id
 * @param time     when the event happened, with the offset it was written with
 * @param type     the event type's name: the current one for an event stored under an old name
 *                 ({@code TypeRegistry.Builder.alias}), else as stored ({@code rita-type})
 * @param data     the decoded data: a registered record (upcast to the type's current version),
 *                 {@code byte[]} with the raw registry, or the stored bytes as an
 *                 {@link io.rita.types.Encoded} for a type the registry does not know when loaded
 *                 with {@link UnknownTypes#KEEP}
 * @param meta     application metadata; never {@code null}
 * @param subject  the subject it is stored on
 * @param sequence its stream sequence
 */
public record StoredEvent(String id, OffsetDateTime time, String type, Object data, Map<String, String> meta,
                          String subject, long sequence) {

    public StoredEvent {
        Objects.requireNonNull(data, "event data");
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }
}
