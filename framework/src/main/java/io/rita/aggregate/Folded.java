package io.rita.aggregate;

/**
 * An aggregate's state and the sequence it reflects, as {@link AggregateEngine#read} returns it.
 *
 * @param state    the state after applying every event up to {@code sequence}
 * @param sequence the aggregate's last sequence that the state includes ({@code 0}: no events)
 * @param <S>      the state type
 */
public record Folded<S>(S state, long sequence) {
}
