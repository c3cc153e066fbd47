package io.rita.service.internal;

/**
 * An aggregate as cached: its state, the subject's last sequence that the state includes, and
 * its recent commands.
 *
 * @param state    the folded state
 * @param sequence the last sequence folded in ({@code 0}: no events)
 * @param recent   the recent commands (mutable, touched only within the aggregate's turn)
 */
public record Snapshot(Object state, long sequence, RecentCommands recent) {
}
