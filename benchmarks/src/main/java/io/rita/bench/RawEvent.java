package io.rita.bench;

import java.time.OffsetDateTime;

/**
 * An event as a careful raw jnats reader rebuilds it from a stored message: the same fields
 * Rita's {@code Event} carries, so that both sides of a load benchmark do the same work.
 *
 * @param id       the {@code Nats-Msg-Id} header
 * @param time     the {@code rita-time} header, parsed
 * @param type     the {@code rita-type} header
 * @param data     the payload, decoded by the payload's codec
 * @param subject  the message subject
 * @param sequence the stream sequence
 */
public record RawEvent(String id, OffsetDateTime time, String type, Object data, String subject, long sequence) {
}
