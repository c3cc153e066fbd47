package io.rita.internal;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.UnknownEventTypeException;
import io.rita.types.CodecException;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns events into {@link WireEvent}s (filling in id and time, encoding data through the
 * registry) and back. Shared by every event store so that they behave alike. Not API.
 */
public final class EventEncoding {

    /** The codec name used for raw bytes. */
    public static final String BINARY = "binary";

    private static final Pattern TYPE_NAME = Pattern.compile("^[\\w-]+(\\.[\\w-]+)*$");
    // Metadata keys become header names (rita-meta-<key>): keep them to safe header characters.
    private static final Pattern META_KEY = Pattern.compile("^[A-Za-z0-9_-]+$");

    private final RitaOptions options;

    public EventEncoding(RitaOptions options) {
        this.options = options;
    }

    /**
     * Prepares events for an append.
     *
     * @throws IllegalArgumentException when there are no events, or a type, id or meta entry is unusable
     */
    public List<WireEvent> encode(List<Event> events) {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one event");
        }
        List<WireEvent> wire = new ArrayList<>(events.size());
        for (Event event : events) {
            wire.add(encode(event));
        }
        return wire;
    }

    private WireEvent encode(Event event) {
        String id = event.id() != null ? event.id() : options.ids().get();
        if (id.isBlank() || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("event id must be printable ASCII without spaces, was '" + id + "'");
        }
        OffsetDateTime time = event.time() != null ? event.time() : OffsetDateTime.now(options.clock());
        checkTime(time);
        for (Map.Entry<String, String> entry : event.meta().entrySet()) {
            checkMeta(entry.getKey(), entry.getValue());
        }
        Encoded encoded = encodeData(event);
        return new WireEvent(id, time, encoded.type(), encoded.codec(), event.meta(), encoded.data());
    }

    private Encoded encodeData(Event event) {
        TypeRegistry types = options.types();
        if (types == null) {
            if (event.type() == null) {
                throw new IllegalArgumentException("event type is required when no TypeRegistry is configured");
            }
            checkTypeName(event.type());
            if (!(event.data() instanceof byte[] bytes)) {
                throw new IllegalArgumentException("without a TypeRegistry event data must be byte[], was "
                        + event.data().getClass().getName());
            }
            return new Encoded(event.type(), BINARY, bytes);
        }
        return types.encode(event.type(), event.data());
    }

    private static void checkTypeName(String type) {
        if (!TYPE_NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("event type '" + type + "' must match ^[\\w-]+(\\.[\\w-]+)*$");
        }
    }

    private static void checkMeta(String key, String value) {
        if (key == null || !META_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("meta key '" + key + "' must be letters, digits, '_' or '-'");
        }
        // Meta values travel as header values: NATS headers are ASCII, and surrounding white space
        // is trimmed on the way, so anything else would not come back as it was appended.
        if (value == null || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
                || (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '))) {
            throw new IllegalArgumentException("meta value for '" + key + "' must be printable ASCII without "
                    + "leading or trailing spaces, was '" + value + "'");
        }
    }

    private static void checkTime(OffsetDateTime time) {
        // RFC 3339 (and Go's parser) know offsets in whole minutes and four-digit years only.
        if (time.getOffset().getTotalSeconds() % 60 != 0 || time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("event time " + time + " cannot be written as RFC 3339: "
                    + "the offset must be whole minutes and the year between 0000 and 9999");
        }
    }

    /**
     * Rebuilds an event loaded from {@code subject} at {@code sequence}.
     *
     * @throws UnknownEventTypeException when a registry is configured and does not know the type
     * @throws EventDecodingException     when the data cannot be decoded
     */
    public Event decode(WireEvent wire, String subject, long sequence) {
        TypeRegistry types = options.types();
        Object data;
        if (types == null) {
            data = wire.data();
        } else {
            Optional<Object> decoded;
            try {
                decoded = types.decode(wire.type(), wire.codec(), wire.data());
            } catch (CodecException e) {
                throw new EventDecodingException(wire.type(), subject, sequence, e);
            }
            data = decoded.orElseThrow(() -> new UnknownEventTypeException(wire.type(), subject, sequence));
        }
        return new Event(wire.id(), wire.time(), wire.type(), data, wire.meta(), subject, sequence);
    }
}
