package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamInfo;
import io.rita.internal.NoJetStream;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The failures where nobody was there to answer: a server without JetStream, an append that no
 * stream took. Each is told as what it is, with what to do, and as "unavailable" only when it
 * may pass by itself (a stream whose server is restarting): never "retry" where a retry cannot
 * help.
 */
final class NobodyListens {

    private NobodyListens() {
    }

    /** What {@code cause} means, when nobody listened; empty for the other failures. */
    static Optional<EventStoreException> explain(Connection connection, String store, String subject, String action,
                                                 Throwable cause) {
        if (StoreErrors.apiException(cause) != null) {
            return Optional.empty(); // JetStream answered
        }
        if (action.startsWith("append") && StoreErrors.noResponders(cause)) {
            return Optional.of(untaken(connection, store, subject, action, cause));
        }
        if (NoJetStream.on(connection)) {
            return Optional.of(withoutJetStream(connection, store, subject, action, cause));
        }
        return Optional.empty();
    }

    private static EventStoreException withoutJetStream(Connection connection, String store, String subject,
                                                        String action, Throwable cause) {
        boolean writes = action.startsWith("append") || action.startsWith("write");
        return new EventStoreException(subject, "cannot " + action + ": " + NoJetStream.server(connection)
                + ", which store '" + store + "' needs" + (writes ? "; nothing was stored" : "") + ". "
                + NoJetStream.REMEDY, cause);
    }

    /**
     * An append answered "no responders": no stream took it, so nothing was stored. Why: the
     * store's stream, looked up, is missing or does not take the subject (a mistake to fix), or
     * it is there and its server did not answer this once (restarting: send it again).
     */
    private static EventStoreException untaken(Connection connection, String store, String subject, String action,
                                               Throwable cause) {
        StreamInfo stream;
        try {
            stream = connection.jetStreamManagement().getStreamInfo(store);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == StreamAdmin.STREAM_NOT_FOUND) {
                return new EventStoreException(subject, "cannot " + action + ": store '" + store + "' does not"
                        + " exist, so nothing was stored. Create it (create() or ensure()), or check that this is"
                        + " the account it is in", cause);
            }
            if (e.getApiErrorCode() == StoreErrors.ACCOUNT_WITHOUT_JETSTREAM) {
                return StoreErrors.failure(store, subject, action, e);
            }
            return notThisTime(store, subject, action, cause);
        } catch (IOException e) {
            return NoJetStream.on(connection) ? withoutJetStream(connection, store, subject, action, cause)
                    : notThisTime(store, subject, action, cause);
        }
        List<String> subjects = stream.getConfiguration().getSubjects();
        if (subjects.stream().noneMatch(filter -> Subjects.matches(filter, subject))) {
            return new EventStoreException(subject, "cannot " + action + ": store '" + store + "' does not take "
                    + subject + " (its subjects are " + subjects + "), so nothing was stored. Append to a subject"
                    + " it takes, or add one to its subjects", cause);
        }
        return notThisTime(store, subject, action, cause);
    }

    private static StoreUnavailableException notThisTime(String store, String subject, String action,
                                                         Throwable cause) {
        return new StoreUnavailableException(subject, "cannot " + action + ": no server of store '" + store
                + "' took it just now (one may be restarting), so nothing was stored; send it again", cause);
    }
}
