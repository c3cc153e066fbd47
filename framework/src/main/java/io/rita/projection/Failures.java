package io.rita.projection;

import io.nats.client.JetStreamApiException;

import io.rita.internal.ApiErrors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Tells JetStream's answers apart by their API error code, never by their text. */
final class Failures {

    private Failures() {
    }

    /** Whether {@code error} (or what it wraps) is JetStream refusing a write whose expected last subject sequence did not hold. */
    static boolean isWrongLastSequence(Throwable error) {
        JetStreamApiException api = apiException(error);
        return api != null && api.getApiErrorCode() == ApiErrors.WRONG_LAST_SEQUENCE;
    }

    /** The JetStream API exception in {@code error}'s cause chain (jnats wraps it in a plain RuntimeException too), or {@code null}. */
    static JetStreamApiException apiException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JetStreamApiException api) {
                return api;
            }
        }
        return null;
    }

    /** The exception inside an {@link ExecutionException} or {@link CompletionException}. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
