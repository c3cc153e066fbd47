package io.rita.aggregate;

import io.rita.decider.Decider;
import io.rita.eventstore.AppendResult;
import io.rita.eventstore.ConcurrencyConflictException;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.Expected;
import io.rita.eventstore.PayloadTooLargeException;
import io.rita.internal.StoreSetupException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Does one group of commands on one aggregate, in its line leader's thread: decide them on the
 * cached state, store all their events in one append that expects the cached sequence, and
 * answer each. One store round trip per group on a warm aggregate.
 *
 * <ul>
 *   <li>The cached entry is trusted for the decision; the append's expectation catches a stale
 *       one. A conflict reads the new events and decides the whole group again (after a jittered
 *       pause, up to {@link EngineOptions#maxAttempts()} rounds).</li>
 *   <li>A round that stores nothing (rejections, no-ops, resends, a caller's expectation that
 *       does not hold) is checked by nothing, so before it is answered the store is asked whether
 *       anything new arrived; if so the round is decided again. No command is refused on old data.</li>
 *   <li>A duplicate acknowledgement means the first command's events were stored before, by an
 *       earlier append with the same ids, maybe after events this process has not seen: nothing
 *       of this round is taken as stored; the new events are read and the round decided again.</li>
 *   <li>A caller's expectation ({@link CommandOptions#expected()}) is not retried: a conflict is
 *       the answer.</li>
 *   <li>Events too large for one message: the group is split in halves; a single command whose
 *       events are too large fails alone.</li>
 *   <li>Any other failure leaves the outcome unknown: the entry is dropped and every command of
 *       the group fails with it.</li>
 * </ul>
 */
final class GroupCommit<C, E, S> {

    private final EventStore store;
    private final Decider<? super C, E, S> decider;
    private final Loader<E, S> loader;
    private final AggregateCache<E, S> cache;
    private final EngineOptions options;
    private final Backoff backoff;

    GroupCommit(EventStore store, Decider<? super C, E, S> decider, Loader<E, S> loader, AggregateCache<E, S> cache,
                EngineOptions options) {
        this.store = store;
        this.decider = decider;
        this.loader = loader;
        this.cache = cache;
        this.options = options;
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax());
    }

    /** Answers every command of the group (outcome or failure). */
    void run(String subject, List<Job.Command<C, E, S>> group) {
        Current<E, S> current = null;
        try {
            Entry<E, S> cached = cache.get(subject);
            current = cached != null ? new Current<>(cached, false) : new Current<>(loader.load(subject), true);
            group.forEach(job -> job.cached = cached != null);
            settle(subject, current, group);
            cache.put(subject, loader.keep(subject, current.entry)); // hands a due snapshot to the writer
        } catch (StoreSetupException | EventDecodingException e) {
            cache.remove(subject);
            if (current != null && current.stored) {
                // an append of this group was acknowledged as a duplicate, so its commands are stored:
                // a store that is gone, or an event another program appended since that this service
                // cannot read, must not make them "nothing was stored"
                throw new EventStoreException(subject, "cannot read " + subject + " after its append (" + e.getMessage()
                        + "); the commands may be stored: send them again with the same command ids", e);
            }
            throw e;
        } catch (RuntimeException e) {
            cache.remove(subject); // whatever the store holds now, this process may not know it
            throw e;
        }
    }

    /** The entry a group works on, and whether it was read from the store in this group (so is current). */
    private static final class Current<E, S> {
        Entry<E, S> entry;
        boolean fresh;
        /** Whether an append of the group was acknowledged (as a duplicate: stored earlier). */
        boolean stored;

        Current(Entry<E, S> entry, boolean fresh) {
            this.entry = entry;
            this.fresh = fresh;
        }
    }

    private void settle(String subject, Current<E, S> current, List<Job.Command<C, E, S>> jobs) {
        Map<String, RecentCommands.Recorded<E>> acked = new HashMap<>();
        long lastSeen = current.entry.sequence();
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            Round<C, E, S> round = new Round<>(subject, current.entry, jobs, decider, acked);
            if (round.events().isEmpty()) {
                if (current.fresh || !topUp(subject, current)) {
                    current.entry = round.settle(current.entry.sequence());
                    return;
                }
                continue; // something new arrived: decide again on it
            }
            AppendResult appended;
            try {
                appended = store.append(subject, round.events(), Expected.sequence(current.entry.sequence()));
            } catch (ConcurrencyConflictException conflict) {
                lastSeen = conflict.actual();
                if (jobs.size() == 1 && jobs.getFirst().expects()) {
                    jobs.getFirst().outcome = new Outcome.Conflict<>(conflict.actual(), "expected sequence "
                            + current.entry.sequence() + " but " + subject + " is at " + conflict.actual()
                            + ": refresh and decide again");
                    return;
                }
                if (attempt < options.maxAttempts()) {
                    backoff.pause(attempt);
                }
                topUp(subject, current);
                continue;
            } catch (PayloadTooLargeException tooLarge) {
                if (jobs.size() == 1) {
                    jobs.getFirst().failure = tooLarge;
                    return;
                }
                int half = jobs.size() / 2;
                settle(subject, current, new ArrayList<>(jobs.subList(0, half)));
                settle(subject, current, new ArrayList<>(jobs.subList(half, jobs.size())));
                return;
            }
            if (appended.duplicate()) {
                current.stored = true;
                Map.Entry<String, List<E>> first = round.firstStoring();
                acked.put(first.getKey(), new RecentCommands.Recorded<>(appended.sequence(), first.getValue()));
                topUp(subject, current);
                continue;
            }
            current.entry = round.settle(appended.sequence());
            current.fresh = true; // the expectation held: the entry is exactly the store's
            return;
        }
        for (Job.Command<C, E, S> job : jobs) {
            job.outcome = new Outcome.Conflict<>(Math.max(lastSeen, current.entry.sequence()), "gave up on " + subject + " after "
                    + options.maxAttempts() + " attempts: other writers kept changing it; send the command again");
        }
    }

    /** Reads what arrived since the entry; returns whether anything did. */
    private boolean topUp(String subject, Current<E, S> current) {
        Entry<E, S> before = current.entry;
        current.entry = loader.topUp(subject, before);
        current.fresh = true;
        return current.entry != before;
    }
}
