package io.rita.eventstore;

/**
 * What an append did.
 *
 * <pre>{@code
 * AppendResult result = store.append("orders.1", events, Expected.sequence(loaded.sequence()));
 * long next = result.sequence();     // expect this in the next append
 * }</pre>
 *
 * @param sequence  the stream sequence of the events (all events of one append share it)
 * @param duplicate {@code true} when the store recognised the append as a retry of one it had
 *                  already stored (same first event id, same subject): nothing new was stored and
 *                  {@code sequence} is where the earlier append is. The events stored there are the
 *                  earlier append's, which a caller that decided anew must not assume are its own.
 */
public record AppendResult(long sequence, boolean duplicate) {
}
