package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusException;
import io.rita.internal.ApiErrors;
import io.rita.internal.DirectGet;
import io.rita.internal.StoreSetupException;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns jnats' failures into our exceptions, with a hint at the likely cause. */
final class StoreErrors {

    /** Turns a failed request into a store's exception: (subject, action, cause). */
    interface Failures {
        EventStoreException failure(String subject, String action, Throwable cause);
    }

    private StoreErrors() {
    }

    /**
     * As {@link #failure(String, String, String, Throwable)}, but a request that nobody was there
     * to answer says why ({@link NobodyListens}): a server without JetStream, a store that does not
     * exist or does not take the subject, or a stream's server that did not answer this once.
     */
    static EventStoreException failure(Connection connection, String store, String subject, String action,
                                       Throwable cause) {
        if (!(cause instanceof EventStoreException) && !interrupted(cause)) {
            Optional<EventStoreException> told = NobodyListens.explain(connection, store, subject, action, cause);
            if (told.isPresent()) {
                return told.get();
            }
        }
        return failure(store, subject, action, cause);
    }

    static EventStoreException failure(String store, String subject, String action, Throwable cause) {
        if (cause instanceof EventStoreException e) {
            return e;
        }
        if (interrupted(cause)) {
            // the caller's thread was interrupted (jnats wraps that in an IOException): nothing is
            // wrong with the server, and "unavailable" would invite a retry the caller did not ask for
            return new EventStoreException(subject, "interrupted while trying to " + action
                    + (action.startsWith("append") ? "; the outcome is unknown: an append with the same event ids"
                    + " stores them once" : ""), cause);
        }
        JetStreamApiException api = apiException(cause);
        if (api != null && api.getApiErrorCode() == ApiErrors.ACCOUNT_WITHOUT_JETSTREAM) {
            return StoreSetupException.accountWithoutJetStream(store, subject, action, cause);
        }
        if (fullUnderDiscardNew(api) && action.startsWith("append")) {
            return StoreSetupException.refused(store, subject, action, api.getErrorDescription(), cause);
        }
        String hint;
        if (api != null) {
            hint = " (JetStream error " + api.getApiErrorCode() + ")";
        } else if (action.startsWith("append")) {
            // no answer is not a no: the server may have stored it before the reply was lost
            hint = "; the outcome is unknown: retry with the same event ids, which stores them once"
                    + " (and check that nats-server is running with JetStream and store '" + store + "' exists)";
        } else if (unwrap(cause) instanceof DirectGet.DirectGetException) {
            hint = ""; // its message asks about JetStream itself
        } else {
            hint = "; is nats-server running with JetStream, and does store '" + store + "' exist?";
        }
        String message = "cannot " + action + ": " + cause.getMessage() + hint;
        return unavailable(cause) ? new StoreUnavailableException(subject, message, cause)
                : new EventStoreException(subject, message, cause);
    }

    /**
     * Whether a publish was answered "no responders": nothing listens on its subject, so no stream
     * stored it. jnats says so only in the message of the {@link IOException} it throws.
     */
    static boolean noResponders(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("503 No Responders")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure comes from an interrupt of the calling thread. */
    static boolean interrupted(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failure says the store did not answer for now, rather than refused: no reply in
     * time or no connection (jnats reports both as {@link IOException}), a request nobody was there
     * to answer, or JetStream's own 503 for "for now" (no leader, "JetStream system temporarily
     * unavailable", a store that failed to store for another reason than a limit). Not its other
     * 503s, which do not pass by themselves: a stream full under a discard-new limit, insufficient
     * resources, JetStream not enabled.
     */
    static boolean unavailable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return api.getApiErrorCode() == ApiErrors.CLUSTER_NOT_AVAILABLE
                        || api.getErrorCode() == 503 && api.getApiErrorCode() <= 0
                        // the stream did not store it for another reason than a limit ("store is
                        // closed" while a leader steps down, a write error): it may pass, and in a
                        // cluster the message may be stored all the same
                        || api.getApiErrorCode() == ApiErrors.STORE_FAILED && !fullUnderDiscardNew(api);
            }
            if (t instanceof JetStreamStatusException status) {
                return status.getStatus() != null && status.getStatus().getCode() == 503;
            }
            if (t instanceof DirectGet.DirectGetException direct) {
                return direct.timedOut();
            }
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    /** nats-server's words (error 10077) for a message refused by a limit with discard new. */
    private static final Set<String> DISCARD_NEW_REFUSALS = Set.of("maximum messages exceeded",
            "maximum bytes exceeded", "maximum messages per subject exceeded");

    /**
     * Whether {@code api} is a stream refusing a message because a limit with discard new leaves no
     * room: checked before the message is stored anywhere, so nothing was stored, and it stays so
     * until the limit changes or messages are removed.
     */
    static boolean fullUnderDiscardNew(JetStreamApiException api) {
        return api != null && api.getApiErrorCode() == ApiErrors.STORE_FAILED
                && api.getErrorDescription() != null
                && DISCARD_NEW_REFUSALS.contains(api.getErrorDescription().strip().toLowerCase(java.util.Locale.ROOT));
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

    /**
     * The sequence a load learns while under way ({@link EventStore#load(String, CompletableFuture, UnknownTypes)}),
     * once it is there: a failure of the future is the load's, an interrupt keeps the thread's flag.
     */
    static long awaitSequence(String subject, CompletableFuture<Long> sequence) {
        try {
            return sequence.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException(subject, "interrupted while loading " + subject, e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof EventStoreException failure) {
                throw failure;
            }
            throw new EventStoreException(subject, "cannot load " + subject + ": the sequence to load after"
                    + " was not learned (" + cause + ")", cause);
        }
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
