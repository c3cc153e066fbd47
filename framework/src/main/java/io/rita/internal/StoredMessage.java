package io.rita.internal;

import io.nats.client.Message;
import io.nats.client.impl.Headers;

/**
 * A message as stored in the stream, whichever way it was read. Not API.
 *
 * @param subject  the subject it was stored on
 * @param sequence its stream sequence
 * @param headers  its stored headers
 * @param data     its payload
 */
public record StoredMessage(String subject, long sequence, Headers headers, byte[] data) {

    /** From a direct get reply, which carries subject and sequence in headers. */
    public static StoredMessage fromDirectGet(Message reply) {
        Headers headers = reply.getHeaders();
        return new StoredMessage(headers.getFirst("Nats-Subject"), DirectGet.sequenceOf(reply), headers, reply.getData());
    }

    /** From a message delivered by a consumer. */
    public static StoredMessage fromConsumer(Message message) {
        return new StoredMessage(message.getSubject(), message.metaData().streamSequence(),
                message.getHeaders(), message.getData());
    }
}
