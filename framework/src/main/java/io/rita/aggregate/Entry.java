package io.rita.aggregate;

/**
 * An aggregate as the engine holds it: its state, the subject's last sequence that the state
 * includes, and its recent commands.
 *
 * @param state         the folded state
 * @param sequence      the last sequence folded in ({@code 0}: no events)
 * @param recent        the recent commands (mutable, touched only by the aggregate's line leader)
 * @param lastEventId   the id of the first event stored at {@code sequence} ({@code null}: not known, or no
 *                      events): what a snapshot of this entry is checked against when it is read back
 * @param sinceSnapshot how many events were folded in since the snapshot this entry came from or last gave
 *                      (or since the start); decides when the next snapshot is due
 */
record Entry<E, S>(S state, long sequence, RecentCommands<E> recent, String lastEventId, int sinceSnapshot) {

    /** This entry moved on to {@code newState} at {@code newSequence} by {@code events} more events. */
    Entry<E, S> advanced(S newState, long newSequence, String newLastEventId, int events) {
        long since = (long) sinceSnapshot + events; // saturates: nothing is due when snapshots are off
        return new Entry<>(newState, newSequence, recent, newLastEventId, (int) Math.min(Integer.MAX_VALUE, since));
    }

    /** This entry with its snapshot count set (0: a snapshot of it was just taken). */
    Entry<E, S> withSinceSnapshot(int events) {
        return new Entry<>(state, sequence, recent, lastEventId, events);
    }
}
