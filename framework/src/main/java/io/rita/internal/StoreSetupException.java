package io.rita.internal;

import io.nats.client.Connection;
import io.rita.eventstore.EventStoreException;

import java.util.List;

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

    private final boolean storeMissing;

    public StoreSetupException(String subject, String message, Throwable cause) {
        this(subject, message, cause, false);
    }

    private StoreSetupException(String subject, String message, Throwable cause, boolean storeMissing) {
        super(subject, message, cause);
        this.storeMissing = storeMissing;
    }

    /** Whether it says that the store's stream does not exist ({@link #missing}), for a store with its own words for that. */
    public boolean storeMissing() {
        return storeMissing;
    }

    /**
     * A store that does not exist: "cannot {@code action}: store 'x' does not exist", what to do,
     * and, for a write ({@code action} starts with "append" or "write"), that nothing was stored.
     */
    public static StoreSetupException missing(String store, String subject, String action, Throwable cause) {
        return missing("store", store, subject, action, "Create it (create() or ensure()), or check that this is the"
                + " account it is in", cause);
    }

    /** As {@link #missing(String, String, String, Throwable)}, for a {@code kind} of store with its own {@code remedy}. */
    public static StoreSetupException missing(String kind, String store, String subject, String action, String remedy,
                                              Throwable cause) {
        return new StoreSetupException(subject, "cannot " + action + ": " + kind + " '" + store + "' does not exist"
                + (writes(action) ? ", so nothing was stored" : "") + ". " + remedy, cause, true);
    }

    /**
     * An append the store's stream refused to store ({@code refusal}, the server's words, e.g.
     * "maximum messages exceeded"): a limit with discard new it was set up with leaves no room.
     */
    public static StoreSetupException refused(String store, String subject, String action, String refusal,
                                              Throwable cause) {
        return new StoreSetupException(subject, "cannot " + action + ": the stream of store '" + store + "' refused"
                + " it (" + refusal + "), so nothing was stored. A limit it was set up with (maximum messages,"
                + " bytes or messages per subject, with discard new) leaves no room: raise or remove the limit"
                + " (an event store keeps every event)", cause);
    }

    /** A subject the store's stream does not take ({@code subjects}), and what to do. */
    public static StoreSetupException untaken(String store, String subject, String action, List<String> subjects,
                                              Throwable cause) {
        return new StoreSetupException(subject, "cannot " + action + ": store '" + store + "' does not take " + subject
                + " (its subjects are " + subjects + ")" + (writes(action)
                ? ", so nothing was stored. Append to a subject it takes, or add one to its subjects"
                : ". Read a subject it takes, or add one to its subjects"), cause);
    }

    /** A connection whose account has no JetStream (JetStream's 10039), and what to do. */
    public static StoreSetupException accountWithoutJetStream(String store, String subject, String action,
                                                              Throwable cause) {
        return new StoreSetupException(subject, "cannot " + action + ": the account of this connection has no"
                + " JetStream, which store '" + store + "' needs. Enable it for the account in nats-server's"
                + " configuration (jetstream: enabled in its block), or connect as a user of an account that has"
                + " it", cause);
    }

    /** A server without JetStream ({@link NoJetStream#on}), and what to do. */
    public static StoreSetupException withoutJetStream(Connection connection, String store, String subject,
                                                       String action, Throwable cause) {
        return new StoreSetupException(subject, "cannot " + action + ": " + NoJetStream.server(connection)
                + ", which store '" + store + "' needs" + (writes(action) ? "; nothing was stored" : "") + ". "
                + NoJetStream.REMEDY, cause);
    }

    /** Whether {@code action} writes ("append to ...", "write the snapshot of ..."). */
    public static boolean writes(String action) {
        return action.startsWith("append") || action.startsWith("write");
    }
}
