package io.rita.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.impl.Headers;
import io.rita.internal.Rfc3339;
import io.rita.internal.WireHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs the events of one append into one NATS message and unpacks them on load. Not API.
 *
 * <p>One event: Rita's format, the data as the payload and everything else in headers, so that
 * Go Rita reads it ({@code rita-version} only for a type's version 2 and later: absent means 1,
 * which every event Go Rita v1 writes is). Several events: one message whose payload is a JSON array of the events
 * (data base64-encoded) and whose {@code rita-batch} header holds the count. One message is
 * what makes a multi-event append all-or-nothing on nats-server 2.9, which has no atomic
 * multi-message publish; every event keeps its own id, type, time, codec and meta.
 */
final class MessagePacking {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<BatchEntry>> BATCH_TYPE = new TypeReference<>() {
    };

    private MessagePacking() {
    }

    /** A packed message body: headers (without the expectation headers) and data. */
    public record Packed(Headers headers, byte[] data) {
    }

    /** One entry of a batch payload; {@code version} is left out for version 1, as its header is. */
    record BatchEntry(String id, String time, String type,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Integer version,
                      String codec, Map<String, String> meta, byte[] data) {
    }

    /** Packs the events of one append. */
    public static Packed pack(List<EncodedEvent> events) {
        Headers headers = new Headers();
        EncodedEvent first = events.get(0);
        headers.put(WireHeaders.MSG_ID, first.id());
        if (events.size() == 1) {
            headers.put(WireHeaders.TYPE, first.type());
            headers.put(WireHeaders.TIME, formatTime(first.time()));
            headers.put(WireHeaders.CODEC, first.codec());
            if (first.version() != 1) {
                headers.put(WireHeaders.VERSION, Integer.toString(first.version()));
            }
            first.meta().forEach((key, value) -> headers.put(WireHeaders.META_PREFIX + key, value));
            return new Packed(headers, first.data());
        }
        headers.put(WireHeaders.BATCH, Integer.toString(events.size()));
        List<BatchEntry> entries = new ArrayList<>(events.size());
        for (EncodedEvent e : events) {
            entries.add(new BatchEntry(e.id(), formatTime(e.time()), e.type(), e.version() == 1 ? null : e.version(),
                    e.codec(), e.meta(), e.data()));
        }
        try {
            return new Packed(headers, JSON.writeValueAsBytes(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unpacks a stored message into its events.
     *
     * @throws IllegalStateException when the message is not a Rita event message
     */
    public static List<EncodedEvent> unpack(Headers headers, byte[] data) {
        if (headers == null) {
            throw new IllegalStateException("message has no headers, so it is not a Rita event");
        }
        if (headers.getFirst(WireHeaders.BATCH) != null) {
            return unpackBatch(data);
        }
        String type = headers.getFirst(WireHeaders.TYPE);
        if (type == null) {
            throw new IllegalStateException("message has no " + WireHeaders.TYPE + " header, so it is not a Rita event");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String key : headers.keySet()) {
            if (key.startsWith(WireHeaders.META_PREFIX)) {
                meta.put(key.substring(WireHeaders.META_PREFIX.length()), headers.getFirst(key));
            }
        }
        String codec = headers.getFirst(WireHeaders.CODEC);
        return List.of(new EncodedEvent(headers.getFirst(WireHeaders.MSG_ID), parseTime(headers.getFirst(WireHeaders.TIME)),
                type, parseVersion(headers.getFirst(WireHeaders.VERSION)), codec == null ? EventEncoding.BINARY : codec,
                meta, data == null ? new byte[0] : data));
    }

    private static List<EncodedEvent> unpackBatch(byte[] data) {
        List<BatchEntry> entries;
        try {
            entries = JSON.readValue(data, BATCH_TYPE);
        } catch (IOException e) {
            throw new IllegalStateException("batch payload is not valid: " + e.getMessage(), e);
        }
        List<EncodedEvent> events = new ArrayList<>(entries.size());
        for (BatchEntry e : entries) {
            events.add(new EncodedEvent(e.id(), parseTime(e.time()), e.type(),
                    e.version() == null ? 1 : checkedVersion(e.version().toString()), e.codec(),
                    e.meta() == null ? Map.of() : e.meta(), e.data() == null ? new byte[0] : e.data()));
        }
        return events;
    }

    /** The version of {@code rita-version}: 1 when absent. */
    static int parseVersion(String text) {
        return text == null ? 1 : checkedVersion(text);
    }

    private static int checkedVersion(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below, with the text
        }
        throw new IllegalStateException(WireHeaders.VERSION + " '" + text + "' is not a version (1, 2, ...)");
    }

    /** RFC 3339 with nanoseconds (trailing zeros trimmed) and the offset, as Go's RFC3339Nano. */
    public static String formatTime(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    /** Parses an RFC 3339 time; {@code null} when absent. */
    public static OffsetDateTime parseTime(String text) {
        if (text == null) {
            return null;
        }
        OffsetDateTime usual = Rfc3339.parse(text); // the shape Rita and Go write, read fast
        if (usual != null) {
            return usual;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("rita-time '" + text + "' is not RFC 3339", e);
        }
    }
}
