package io.rita.eventstore;

/**
 * A state folded from a subject's events, and the sequence it reflects.
 *
 * @param state    the state after applying every event
 * @param sequence the subject's last sequence that the state includes
 * @param <S>      the state type
 */
public record Folded<S>(S state, long sequence) {
}
