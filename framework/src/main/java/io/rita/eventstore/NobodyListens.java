package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.StreamInfo;
import io.rita.internal.ApiErrors;
import io.rita.internal.NoJetStream;
import io.rita.internal.StoreSetupException;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The failures where nobody was there to answer: a server without JetStream, an append that no
 * stream took, a read of a store that is gone (unanswered on one server, "stream not found" from a
 * replicated store's leader). Each is told as what it is, with what to do, and
 * as "unavailable" only when it may pass by itself (a stream whose server is restarting): never
 * "retry" where a retry cannot help ({@link StoreSetupException}).
 */
final class NobodyListens {

    /**
     * How long looking a store up may take: on a failure path, after the read or append already
     * waited; a server that does not answer this in time leaves the failure as it was.
     */
    static final Duration LOOKUP = Duration.ofSeconds(1);

    private NobodyListens() {
    }

    /**
     * JetStream management that asks with the {@link #LOOKUP} timeout: for the questions asked on
     * the way to (or after) a read or append that has its own timeout.
     */
    static JetStreamManagement lookups(Connection connection) {
        try {
            return connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(LOOKUP).build());
        } catch (IOException e) {
            throw new EventStoreException(null, "JetStream is not available on this connection", e);
        }
    }

    /** What {@code cause} means, when nobody listened; empty for the other failures. */
    static Optional<EventStoreException> explain(Connection connection, String store, String subject, String action,
                                                 Throwable cause) {
        JetStreamApiException answer = StoreErrors.apiException(cause);
        if (answer != null) {
            // a replicated store's reads go to its stream leader, which answers "stream not found"
            // for a stream that is gone; so may a node that does not know the stream yet, so the
            // store's own info (from the cluster's meta leader) decides
            return answer.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND && action.startsWith("read")
                    && isMissing(connection, store)
                    ? Optional.of(StoreSetupException.missing(store, subject, action, cause))
                    : Optional.empty();
        }
        if (StoreSetupException.writes(action) && StoreErrors.noResponders(cause)) {
            return Optional.of(untaken(connection, store, subject, action, cause));
        }
        if (NoJetStream.on(connection)) {
            return Optional.of(StoreSetupException.withoutJetStream(connection, store, subject, action, cause));
        }
        if (action.startsWith("read") && StoreErrors.unavailable(cause)
                && connection.getStatus() == Connection.Status.CONNECTED && isMissing(connection, store)) {
            // a direct get of a stream that is gone is not refused but goes unanswered: only the
            // store's own info tells "deleted" from "slow". Only for a read: a write that got no
            // answer may have been stored, whatever a lookup says a moment later, and a create or
            // delete that got none is not told "does not exist, create it"
            return Optional.of(StoreSetupException.missing(store, subject, action, cause));
        }
        return Optional.empty();
    }

    /** Whether JetStream says the store's stream does not exist; false when it cannot tell in time. */
    private static boolean isMissing(Connection connection, String store) {
        try {
            lookups(connection).getStreamInfo(store);
            return false;
        } catch (JetStreamApiException e) {
            return e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND;
        } catch (IOException | RuntimeException e) {
            return false; // not answered (in time): nothing more to tell
        }
    }

    /**
     * An append (or a snapshot's write, with the subject it was published to) answered "no
     * responders": no stream took it, so nothing was stored. Why: the
     * store's stream, looked up, is missing or does not take the subject (a mistake to fix), or
     * it is there and its server did not answer this once (restarting: send it again).
     */
    private static EventStoreException untaken(Connection connection, String store, String subject, String action,
                                               Throwable cause) {
        StreamInfo stream;
        try {
            stream = connection.jetStreamManagement().getStreamInfo(store);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                return StoreSetupException.missing(store, subject, action, cause);
            }
            if (e.getApiErrorCode() == ApiErrors.ACCOUNT_WITHOUT_JETSTREAM) {
                return StoreErrors.failure(store, subject, action, e);
            }
            return notThisTime(store, subject, action, cause);
        } catch (IOException e) {
            return NoJetStream.on(connection)
                    ? StoreSetupException.withoutJetStream(connection, store, subject, action, cause)
                    : notThisTime(store, subject, action, cause);
        }
        List<String> subjects = stream.getConfiguration().getSubjects();
        if (subjects.stream().noneMatch(filter -> Subjects.matches(filter, subject))) {
            return StoreSetupException.untaken(store, subject, action, subjects, cause);
        }
        return notThisTime(store, subject, action, cause);
    }

    private static StoreUnavailableException notThisTime(String store, String subject, String action,
                                                         Throwable cause) {
        return new StoreUnavailableException(subject, "cannot " + action + ": no server of store '" + store
                + "' took it just now (one may be restarting), so nothing was stored; send it again", cause);
    }
}
