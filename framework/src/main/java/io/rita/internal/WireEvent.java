package io.rita.internal;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An event as it travels: id, time, type and codec names, metadata, and encoded data.
 * Not API: the event stores convert {@link io.rita.eventstore.Event} to and from this.
 *
 * @param id    event id ({@code Nats-Msg-Id} for a single event)
 * @param time  event time
 * @param type  type name
 * @param codec codec name
 * @param meta  metadata
 * @param data  encoded data
 */
public record WireEvent(String id, OffsetDateTime time, String type, String codec,
                        Map<String, String> meta, byte[] data) {
}
