package io.rita.aggregate;

/**
 * An aggregate as the engine holds it: its state, the subject's last sequence that the state
 * includes, and its recent commands.
 *
 * @param state    the folded state
 * @param sequence the last sequence folded in ({@code 0}: no events)
 * @param recent   the recent commands (mutable, touched only by the aggregate's line leader)
 */
record Entry<E, S>(S state, long sequence, RecentCommands<E> recent) {
}
