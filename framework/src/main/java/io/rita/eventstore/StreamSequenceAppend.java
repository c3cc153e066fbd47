package io.rita.eventstore;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rita.internal.ApiErrors;
import io.rita.internal.LeaderReads;
import io.rita.internal.StoredMessage;
import io.rita.internal.WireHeaders;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends with an expectation in {@link AppendMode#STREAM_SEQUENCE}: exact on replicated streams
 * of servers that do not check per-subject expectations in order (nats-server before 2.9.21).
 *
 * <p><b>Why it never stores two appends with the same expectation.</b> An append expecting the
 * subject's last sequence to be {@code E} goes like this:
 * <ol>
 * <li>read the stream's last sequence {@code L} (stream info, answered by the stream's leader);
 * <li>then read the subject's last message {@code X} ({@code STREAM.MSG.GET}, also answered by the
 *     leader, never a follower's copy as a direct get may be). The leader applies a write before it
 *     acknowledges it and its state only grows, so this read sees the first {@code L} messages of
 *     the stream, and maybe more;
 * <li>if {@code X} is not {@code E}, the subject has moved on: a conflict (unless {@code X} is this
 *     very append, stored by an earlier try whose answer was lost);
 * <li>else, with {@code E <= L}, send the append with {@code Nats-Expected-Last-Sequence: L}. The
 *     server stores it only if, when it applies it in the stream's replicated log, the stream's
 *     last sequence is {@code L}: nats-server checks this in log order on every version (unlike
 *     the per-subject expectation before 2.9.21, nats-server#4320). So a stored append comes right
 *     after the first {@code L} messages, and among those the subject's last is {@code E} (step 2
 *     saw all of them and found {@code E} last): the expectation held when it was stored;
 * <li>if the server answers "wrong last sequence", something was stored after {@code L}: start
 *     again at step 1. If only other subjects moved, step 3 passes again and the next try may win.
 * </ol>
 * Two writers expecting {@code E}: the first to be stored moves the stream past every {@code L}
 * read before it, so the other's append is refused, and its next read finds the subject moved.
 *
 * <p>What it assumes: no message of the subject is deleted while it appends (deleting the last
 * event of a subject makes any per-subject expectation ambiguous), and a read answered by the
 * stream's leader includes every write acknowledged before it. Right after a leader change a new
 * leader may not have applied the last writes yet; nats-server 2.9 also tags our proposal with
 * that leader's own last sequence and drops or refuses it when the log shows otherwise, which the
 * writer sees as a timeout or an error, not as a stored append.
 *
 * <p>The cost: up to three round trips instead of one, and appends with an expectation to one
 * stream take turns, as each one expects the whole stream's last sequence. Within one store
 * they take turns in order (a fair lock), so that they do not spend tries beating each other,
 * and each starts from the sequence of the last append it saw acknowledged (which the leader had
 * applied when it said so) instead of asking for stream info: when no other process wrote in
 * between, an append costs the message get and the publish.
 */
final class StreamSequenceAppend {

    private static final String EXPECTED_LAST_SEQUENCE = "Nats-Expected-Last-Sequence";

    private final JetStreamEventStore store;
    private final JetStream jetStream;
    private final LeaderReads leader;
    /**
     * How long an append may wait for its turn and keep losing to other appends before it gives up
     * (having stored nothing): twice the store's {@link RitaOptions#timeout()}. On a server that
     * does not answer, the append ahead holds the turn while its requests time out, until its own
     * patience runs out.
     */
    private final Duration patience;
    /** Appends of this store take turns: without, they would mostly refuse each other. */
    private final ReentrantLock turn = new ReentrantLock(true);
    /** A stream sequence the leader had applied when it told us (an ack, stream info); 0 when none. Under {@link #turn}. */
    private long lastKnown;

    StreamSequenceAppend(JetStreamEventStore store, JetStream jetStream, LeaderReads leader) {
        this.store = store;
        this.jetStream = jetStream;
        this.leader = leader;
        this.patience = store.options().timeout().multipliedBy(2);
    }

    /**
     * Appends {@code outgoing}, which expects a subject sequence above 0.
     *
     * @return the stored append (or the earlier one it repeats)
     * @throws ConcurrencyConflictException when the subject's last sequence is not the expected one
     * @throws EventStoreException          when other appends kept winning for {@link #patience}
     */
    AppendResult append(PendingAppend outgoing) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            if (!turn.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(outgoing, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(outgoing.subject, "interrupted while waiting to append to "
                    + outgoing.subject + "; nothing was stored", e);
        }
        try {
            return appendInTurn(outgoing, deadline);
        } finally {
            turn.unlock();
        }
    }

    private AppendResult appendInTurn(PendingAppend outgoing, long deadline) {
        for (int attempt = 1; ; attempt++) {
            try {
                // the first try trusts the last sequence this store saw; a refusal means someone else
                // wrote since, and the next tries ask the leader
                long streamLast = attempt == 1 && lastKnown > 0 ? lastKnown : leader.lastSequence();
                lastKnown = Math.max(lastKnown, streamLast);
                Optional<StoredMessage> subjectLast = leader.last(outgoing.subject);
                long last = subjectLast.map(StoredMessage::sequence).orElse(0L);
                if (last != outgoing.expected) {
                    return moved(outgoing, subjectLast);
                }
                if (last <= streamLast) {
                    AppendResult stored = outgoing.accept(jetStream.publish(withExpectedLast(outgoing.message,
                            streamLast)));
                    lastKnown = Math.max(lastKnown, stored.sequence());
                    return stored;
                }
                // the subject moved between the two reads (to what we expect): read both again
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != ApiErrors.WRONG_LAST_SEQUENCE && e.getApiErrorCode() != ApiErrors.SEQUENCE_NOT_MATCHED) {
                    return outgoing.recover(e);
                }
                // something was stored after the stream sequence we expected: find out what, try again
            } catch (IOException e) {
                throw store.failure(outgoing.subject, "append to " + outgoing.subject, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventStoreException(outgoing.subject, "interrupted while appending to " + outgoing.subject
                        + "; the outcome is unknown: retry with the same event ids, which stores them once", e);
            }
            if (System.nanoTime() > deadline) {
                throw busy(outgoing, attempt);
            }
            backOff(attempt);
        }
    }

    /**
     * Nothing was stored: each try was refused, or the turn never came. The turn is held up by a
     * server that does not answer (each append ahead waits out its requests) or by more appends
     * than the server can take for now; either may pass, so that is "unavailable" (a 503 from a
     * service), and it says what helps if it does not.
     */
    private EventStoreException busy(PendingAppend outgoing, int attempts) {
        String remedy = "; nothing was stored. If this keeps happening, spread the writes over more stores, or run"
                + " nats-server " + StreamPlacement.SERIALISES_SUBJECT_EXPECTATIONS + " or newer, where"
                + " AppendMode.AUTO checks each subject on its own";
        if (attempts == 0) {
            return new StoreUnavailableException(outgoing.subject, "cannot append to " + outgoing.subject
                    + ": it waited " + shown(patience) + " for its turn behind other appends of this store (the"
                    + " server did not answer them in time, or there are more than it takes for now)" + remedy,
                    null);
        }
        return new EventStoreException(outgoing.subject, "cannot append to " + outgoing.subject + ": for "
                + shown(patience) + " (" + attempts + " tries) other appends to store '" + store.name()
                + "' kept moving its last sequence, which an append in AppendMode.STREAM_SEQUENCE must expect"
                + remedy);
    }

    /** {@code 10 s}, or {@code 1500 ms} when not whole seconds. */
    static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * The subject's last message is not the expected one: the append is a conflict, unless it
     * was stored by an earlier try whose answer was lost. If that try is the subject's last message,
     * its id says so; if others appended after it, only the server's de-duplication still knows it,
     * so the append is sent once more with a stream expectation that cannot hold (below a sequence
     * that exists): a duplicate is answered as such before any expectation is checked, anything
     * else is refused and stores nothing.
     */
    private AppendResult moved(PendingAppend outgoing, Optional<StoredMessage> subjectLast)
            throws IOException, JetStreamApiException {
        ConcurrencyConflictException conflict = new ConcurrencyConflictException(outgoing.subject, outgoing.expected,
                subjectLast.map(StoredMessage::sequence).orElse(0L));
        if (subjectLast.isEmpty()) {
            throw conflict;
        }
        StoredMessage last = subjectLast.get();
        if (outgoing.messageId.equals(last.headers().getFirst(WireHeaders.MSG_ID))) {
            return new AppendResult(last.sequence(), true);
        }
        Headers headers = new Headers(outgoing.message.getHeaders());
        // the per-subject check would refuse it before the duplicate check on a cluster
        headers.remove(WireHeaders.EXPECTED_LAST_SUBJECT_SEQUENCE);
        headers.put(EXPECTED_LAST_SEQUENCE, Long.toString(last.sequence() - 1));
        PublishAck ack;
        try {
            ack = jetStream.publish(NatsMessage.builder().subject(outgoing.subject).headers(headers)
                    .data(outgoing.message.getData()).build());
        } catch (JetStreamApiException refused) {
            if (refused.getApiErrorCode() == ApiErrors.WRONG_LAST_SEQUENCE) {
                throw conflict;
            }
            throw refused;
        }
        if (!ack.isDuplicate()) {
            // cannot happen: the stream's last sequence is at least last.sequence()
            throw new EventStoreException(outgoing.subject, "nats-server stored an append to " + outgoing.subject
                    + " at " + ack.getSeqno() + " that expected the stream to end before " + last.sequence()
                    + "; please report this with your nats-server version");
        }
        return outgoing.accept(ack);
    }

    private static Message withExpectedLast(Message message, long streamLast) {
        Headers headers = new Headers(message.getHeaders()).put(EXPECTED_LAST_SEQUENCE, Long.toString(streamLast));
        return NatsMessage.builder().subject(message.getSubject()).headers(headers).data(message.getData()).build();
    }

    /**
     * After a lost try, wait a random moment of up to 0.5 ms, doubling with every further lost try
     * up to 16 ms: racing writers of other processes spread out instead of refusing each other
     * again and again.
     */
    private static void backOff(int attempt) {
        long maxMicros = 500L << Math.min(attempt - 1, 5);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros + 1)));
    }
}
