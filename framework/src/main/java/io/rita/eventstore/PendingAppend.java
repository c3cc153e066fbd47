package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.rita.internal.ApiErrors;
import io.rita.internal.StoreSetupException;
import io.rita.internal.StoredMessage;
import io.rita.internal.WireHeaders;

import java.util.Optional;
import java.util.function.Supplier;

/** One append on its way to JetStream: the message, its id, and how to read the answer. */
final class PendingAppend {

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
            Optional<StoredMessage> original = afterAnswer(() -> store.storedAt(subject, ack.getSeqno()));
            if (original.isPresent() && !subject.equals(original.get().subject())) {
                throw new DuplicateEventIdException(subject, messageId, original.get().subject(), ack.getSeqno());
            }
        }
        return new AppendResult(ack.getSeqno(), ack.isDuplicate());
    }

    /** A refused append is a conflict unless the subject's last message is this very append (a retry). */
    AppendResult recover(JetStreamApiException e) {
        if (e.getApiErrorCode() == ApiErrors.MESSAGE_TOO_LARGE) {
            throw new PayloadTooLargeException(subject, size, store.streamMaxMessageSize());
        }
        if (e.getApiErrorCode() != ApiErrors.WRONG_LAST_SEQUENCE) {
            throw store.failure(subject, "append to " + subject, e);
        }
        Optional<StoredMessage> last = afterAnswer(() -> store.lastMessage(subject));
        if (last.isPresent() && messageId.equals(last.get().headers().getFirst(WireHeaders.MSG_ID))) {
            return new AppendResult(last.get().sequence(), true);
        }
        throw new ConcurrencyConflictException(subject, expected, last.map(StoredMessage::sequence).orElse(0L));
    }

    /**
     * A read once the server has answered the publish: the events may be stored (a duplicate is
     * stored, a refusal may be our own earlier copy), so a read that finds the store not set up
     * (deleted that moment) must not say "nothing was stored".
     */
    private <T> T afterAnswer(Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreSetupException e) {
            throw new EventStoreException(subject, "cannot tell whether the append to " + subject + " is stored ("
                    + e.getMessage() + "); the outcome is unknown: retry with the same event ids, which stores them"
                    + " once", e);
        }
    }
}
