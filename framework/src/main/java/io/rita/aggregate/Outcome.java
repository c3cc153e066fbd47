package io.rita.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * What became of a command: stored, refused by the domain, refused because the aggregate was
 * not where the caller expected it, or recognised as sent before.
 *
 * <pre>{@code
 * switch (engine.handle("kmm.events.accounts.susie", new DepositFunds(amount, "gift"))) {
 *     case Outcome.Accepted<AccountEvent, AccountState> ok -> show(ok.state().balance());
 *     case Outcome.Rejected<AccountEvent, AccountState> no -> warn(no.message());
 *     case Outcome.Conflict<AccountEvent, AccountState> stale -> refreshAndAsk(stale.actual());
 *     case Outcome.Duplicate<AccountEvent, AccountState> again -> show(again.state().balance());
 * }
 * }</pre>
 *
 * <p>Faults are not outcomes: a store that cannot be reached, events too large to store, a
 * decider that throws something other than {@link io.rita.decider.Rejection} raise exceptions
 * (see {@link AggregateEngine#handle}).
 *
 * @param <E> the event type
 * @param <S> the state type
 */
public sealed interface Outcome<E, S> {

    /**
     * The command was decided and its events are stored (none, when the decider decided that
     * nothing changes).
     *
     * @param events   the events the command caused, stored at {@code sequence}
     * @param state    the aggregate's state right after them
     * @param sequence the aggregate's sequence after the command: where its events are stored, or the
     *                 current sequence when there were none. Commands decided together in one append
     *                 (group commit) share the append's sequence.
     */
    record Accepted<E, S>(List<E> events, S state, long sequence) implements Outcome<E, S> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The domain refused the command ({@link io.rita.decider.Rejection}), or the aggregate has
     * ended; nothing was stored. Decided on the aggregate's current state, never on an old one.
     *
     * @param message the domain's words, for the caller
     */
    record Rejected<E, S>(String message) implements Outcome<E, S> {
        public Rejected {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The aggregate was not at the sequence the caller expected ({@link CommandOptions#expected()}),
     * or other writers kept changing it until the engine gave up; nothing was stored.
     *
     * @param actual  the aggregate's current sequence, to refresh from
     * @param message what happened and what to do, for the caller
     */
    record Conflict<E, S>(long actual, String message) implements Outcome<E, S> {
        public Conflict {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A command with this command id was stored before (a resend): nothing new was stored, and the
     * answer is the first one's.
     *
     * @param events   what the command stored the first time
     * @param state    the aggregate's current state
     * @param sequence where the command's events are stored
     */
    record Duplicate<E, S>(List<E> events, S state, long sequence) implements Outcome<E, S> {
        public Duplicate {
            events = List.copyOf(events);
        }
    }
}
