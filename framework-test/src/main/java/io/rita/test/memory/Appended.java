package io.rita.test.memory;

import io.rita.eventstore.EncodedEvent;

import java.util.List;

/**
 * One stored append: like the JetStream store's one message, its events share one sequence.
 *
 * @param sequence the stream-wide sequence of the append
 * @param subject  the aggregate subject
 * @param events   the encoded events, in order
 */
record Appended(long sequence, String subject, List<EncodedEvent> events) {
}
