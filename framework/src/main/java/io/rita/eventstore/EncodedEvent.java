package io.rita.eventstore;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event as it is stored: id, time, type and codec names, metadata, and the encoded data.
 * What {@link EventEncoding} makes of an {@link Event} and turns back into a {@link StoredEvent};
 * of interest only to implementers of {@link EventStore}.
 *
 * @param id    event id ({@code Nats-Msg-Id} for a single event)
 * @param time  event time
 * @param type  type name
 * @param codec codec name
 * @param meta  metadata
 * @param data  encoded data
 */
public record EncodedEvent(String id, OffsetDateTime time, String type, String codec,
                           Map<String, String> meta, byte[] data) {
}
