package io.rita.eventstore;

/**
 * The store did not answer for now: nats-server is unreachable, or the stream has no leader (a
 * cluster electing a new one after losing it takes a few seconds), or a request timed out, or a
 * read that must include a sequence ({@code AggregateEngine.read(subject, minSequence)}) found
 * the store's copy still behind it. Trying again shortly helps. An append that fails so may or
 * may not have been stored: repeat it with the same event ids, which stores it once (the
 * engine's commands do so with their command id).
 *
 * <pre>{@code
 * try {
 *     store.append(subject, events, Expected.sequence(7));
 * } catch (StoreUnavailableException unavailable) {
 *     retryLaterWithTheSameIds(events);
 * }
 * }</pre>
 */
public class StoreUnavailableException extends EventStoreException {

    public StoreUnavailableException(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
