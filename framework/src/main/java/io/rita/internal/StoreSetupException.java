package io.rita.internal;

import io.rita.eventstore.EventStoreException;

/**
 * The store is not set up for what was asked, so nothing was stored and no retry helps until
 * someone changes the setup: a server or an account without JetStream, a store that does not
 * exist, a subject the store does not take. Its message says what to change.
 *
 * <p>Not API: callers catch it as the {@link EventStoreException} it is; the dispatcher tells
 * its clients that sending again will not help. Internal so that the exported packages keep one
 * exception for "the store failed" and one for "not now".
 */
public final class StoreSetupException extends EventStoreException {

    public StoreSetupException(String subject, String message, Throwable cause) {
        super(subject, message, cause);
    }
}
