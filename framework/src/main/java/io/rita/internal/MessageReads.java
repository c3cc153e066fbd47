package io.rita.internal;

import io.nats.client.JetStreamApiException;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads of single messages that must include every write acknowledged before them: a subject's
 * last message (a load's cut-off, a conflict's actual sequence, a retry's own append) and the
 * message at a sequence (whose a duplicate is). Not API.
 *
 * <p>On a stream with one replica a direct get is answered from the one copy there is. On a
 * replicated stream a direct get may be answered by a follower that has not applied the latest
 * writes yet (it learns that they are committed a moment after the writer's acknowledgement), so
 * these reads go to the stream's leader instead.
 */
public final class MessageReads {

    private final DirectGet direct;
    private final LeaderReads leader;
    private final BooleanSupplier replicated;

    /**
     * @param replicated whether the stream has more than one replica; asked on every read, so that
     *                   it may learn that lazily
     */
    public MessageReads(DirectGet direct, LeaderReads leader, BooleanSupplier replicated) {
        this.direct = direct;
        this.leader = leader;
        this.replicated = replicated;
    }

    /** The last message on {@code subject} (wildcards allowed), or empty when there is none. */
    public Optional<StoredMessage> last(String subject) throws IOException, JetStreamApiException, InterruptedException {
        if (replicated.getAsBoolean()) {
            return leader.last(subject);
        }
        return direct.last(subject).map(StoredMessage::fromDirectGet);
    }

    /** The message stored at {@code sequence}, or empty when there is none. */
    public Optional<StoredMessage> at(long sequence) throws IOException, JetStreamApiException, InterruptedException {
        if (replicated.getAsBoolean()) {
            return leader.at(sequence);
        }
        return direct.at(sequence).map(StoredMessage::fromDirectGet);
    }
}
