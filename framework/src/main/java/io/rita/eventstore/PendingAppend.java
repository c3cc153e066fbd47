package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.rita.internal.StoredMessage;
import io.rita.internal.WireHeaders;

import java.util.Optional;

/** One append on its way to JetStream: the message, its id, and how to read the answer. */
final class PendingAppend {

    /** JetStream's API error code for "wrong last sequence" (the expectation failed). */
    static final int WRONG_LAST_SEQUENCE = 10071;
    /** JetStream's API error code for "message size exceeds maximum allowed" (the stream's max_msg_size). */
    static final int MESSAGE_TOO_LARGE = 10054;

    private final JetStreamEventStore store;
    final String subject;
    final Message message;
    final String messageId;
    /** The expected subject sequence, or -1 for none. */
    final long expected;
    private final long size;

    PendingAppend(JetStreamEventStore store, String subject, Message message, String messageId, long expected,
                  long size) {
        this.store = store;
        this.subject = subject;
        this.message = message;
        this.messageId = messageId;
        this.expected = expected;
        this.size = size;
    }

    /**
     * The sequence to report. A duplicate (a retried id) is acknowledged with the original
     * message's sequence; that is only our append if it went to the same subject.
     */
    AppendResult accept(PublishAck ack) {
        if (ack.isDuplicate()) {
            Optional<StoredMessage> original = store.storedAt(subject, ack.getSeqno());
            if (original.isPresent() && !subject.equals(original.get().subject())) {
                throw new DuplicateEventIdException(subject, messageId, original.get().subject(), ack.getSeqno());
            }
        }
        return new AppendResult(ack.getSeqno(), ack.isDuplicate());
    }

    /** A refused append is a conflict unless the subject's last message is this very append (a retry). */
    AppendResult recover(JetStreamApiException e) {
        if (e.getApiErrorCode() == MESSAGE_TOO_LARGE) {
            throw new PayloadTooLargeException(subject, size, store.streamMaxMessageSize());
        }
        if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
            throw store.failure(subject, "append to " + subject, e);
        }
        Optional<StoredMessage> last = store.lastMessage(subject);
        if (last.isPresent() && messageId.equals(last.get().headers().getFirst(WireHeaders.MSG_ID))) {
            return new AppendResult(last.get().sequence(), true);
        }
        throw new ConcurrencyConflictException(subject, expected, last.map(StoredMessage::sequence).orElse(0L));
    }
}
