package io.rita.aggregate;

import io.rita.eventstore.EventStoreException;

import java.time.Duration;

/**
 * A read asked for a state that includes a sequence the store did not reach in time: the copy it
 * reads from (a replica, or a stream leader elected a moment ago) is still catching up with writes
 * that were acknowledged elsewhere. Nothing is wrong with the data, and trying again shortly
 * helps; the NATS dispatcher answers it with a 503.
 *
 * <pre>{@code
 * try {
 *     Folded<AccountState> now = accounts.read("kmm.events.accounts.susie", lastWriteSequence);
 * } catch (StoreBehindException behind) {
 *     retryLater(behind.minSequence());
 * }
 * }</pre>
 */
public final class StoreBehindException extends EventStoreException {

    private final long minSequence;
    private final long sequence;
    private final long storeSequence;

    /**
     * @param subject       the subject (or filter) read
     * @param minSequence   the sequence the read had to include
     * @param sequence      the subject's last sequence in the last answer
     * @param storeSequence the store's last sequence in the last answer (on any subject)
     * @param waited        how long the engine waited for it
     */
    public StoreBehindException(String subject, long minSequence, long sequence, long storeSequence, Duration waited) {
        super(subject, "the store has not caught up with sequence " + minSequence + " for " + subject + " within "
                + waited.toMillis() + " ms (it answered from sequence " + storeSequence + "): a replica or a newly"
                + " elected stream leader is still catching up; try again in a moment");
        this.minSequence = minSequence;
        this.sequence = sequence;
        this.storeSequence = storeSequence;
    }

    /** The sequence the read had to include. */
    public long minSequence() {
        return minSequence;
    }

    /** The subject's last sequence in the store's last answer. */
    public long sequence() {
        return sequence;
    }

    /** The store's last sequence (any subject) in its last answer. */
    public long storeSequence() {
        return storeSequence;
    }
}
