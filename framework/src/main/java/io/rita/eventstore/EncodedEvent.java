package io.rita.eventstore;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event as it is stored: id, time, type name and version, codec name, metadata, and the
 * encoded data. What {@link EventEncoding} makes of an {@link Event} and turns back into a
 * {@link StoredEvent}; of interest only to implementers of {@link EventStore}.
 *
 * @param id      event id ({@code Nats-Msg-Id} for a single event)
 * @param time    event time
 * @param type    type name
 * @param version the version of the type's shape the data has ({@code rita-version}; 1 when absent)
 * @param codec   codec name
 * @param meta    metadata
 * @param data    encoded data
 */
public record EncodedEvent(String id, OffsetDateTime time, String type, int version, String codec,
                           Map<String, String> meta, byte[] data) {

    public EncodedEvent {
        if (version < 1) {
            throw new IllegalArgumentException("event version must be >= 1, was " + version);
        }
    }

    /** An event of version 1, the version of every event written without {@code rita-version} (Go Rita's). */
    public EncodedEvent(String id, OffsetDateTime time, String type, String codec, Map<String, String> meta,
                        byte[] data) {
        this(id, time, type, 1, codec, meta, data);
    }
}
