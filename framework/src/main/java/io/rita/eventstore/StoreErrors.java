package io.rita.eventstore;

import io.nats.client.JetStreamApiException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns jnats' failures into our exceptions, with a hint at the likely cause. */
final class StoreErrors {

    private StoreErrors() {
    }

    static EventStoreException failure(String store, String subject, String action, Throwable cause) {
        if (cause instanceof EventStoreException e) {
            return e;
        }
        JetStreamApiException api = apiException(cause);
        String hint;
        if (api != null) {
            hint = " (JetStream error " + api.getApiErrorCode() + ")";
        } else if (action.startsWith("append")) {
            // no answer is not a no: the server may have stored it before the reply was lost
            hint = "; the outcome is unknown: retry with the same event ids, which stores them once"
                    + " (and check that nats-server is running with JetStream and store '" + store + "' exists)";
        } else {
            hint = "; is nats-server running with JetStream, and does store '" + store + "' exist?";
        }
        return new EventStoreException(subject, "cannot " + action + ": " + cause.getMessage() + hint, cause);
    }

    /** The JetStream API error somewhere in a cause chain (jnats wraps it in async paths), or null. */
    static JetStreamApiException apiException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return api;
            }
        }
        return null;
    }

    /** Strips the wrappers that completion stages add. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
