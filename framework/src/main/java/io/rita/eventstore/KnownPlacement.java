package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.rita.internal.ApiErrors;
import io.rita.internal.StoreSetupException;

import java.io.IOException;

/**
 * What a store knows about where its stream runs ({@link StreamPlacement}: the connected server's
 * version, the stream's replicas) and the {@link AppendMode} it chose for that. Learned once,
 * from stream info, and again when the store is created, updated or opened, or when it finds
 * itself connected to a server of another version (a reconnect during a rolling upgrade).
 */
final class KnownPlacement {

    private final AppendMode requested;
    private final Connection connection;
    private final JetStreamManagement management;
    private final String store;
    /** What was learned, for the server version it was learned on; null until then. */
    private volatile Known known;

    KnownPlacement(AppendMode requested, Connection connection, JetStreamManagement management, String store) {
        this.requested = requested;
        this.connection = connection;
        this.management = management;
        this.store = store;
    }

    /**
     * The mode to append in now; learns the placement first when it is not known for the connected
     * server's version, or when {@code again}.
     *
     * @throws EventStoreException when the stream cannot be read, or the mode asked for is not exact there
     */
    AppendMode appendMode(boolean again) {
        Known current = known;
        if (current == null || again || !current.serverVersion().equals(serverVersion())) {
            current = learn();
        }
        if (current.refusal() != null) {
            // a new exception each time, so that each refused call has its own stack trace
            throw new StoreSetupException(null, current.refusal().getMessage(), null);
        }
        return current.mode();
    }

    /**
     * Whether the stream has more than one replica, so that a direct get may be answered by a
     * follower that has not applied the latest writes.
     */
    boolean replicated() {
        Known current = known;
        return (current == null ? learn() : current).replicas() > 1;
    }

    /**
     * Chooses the mode for a stream of {@code replicas} on the connected server, and keeps it.
     *
     * @throws EventStoreException when the mode asked for would not be exact there
     */
    AppendMode forReplicas(int replicas) {
        Known learned = know(replicas);
        if (learned.refusal() != null) {
            throw learned.refusal();
        }
        return learned.mode();
    }

    /**
     * Keeps the replicas that a look at the stream found (before a read), without failing: a mode
     * this placement refuses is refused at the next append, not at the read.
     */
    void learnReplicas(int replicas) {
        know(replicas);
    }

    private Known learn() {
        int replicas;
        try {
            replicas = management.getStreamInfo(store).getConfiguration().getReplicas();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                throw new StoreSetupException(null, "store '" + store + "' does not exist on this server: create() it "
                        + "first, or check its name", e);
            }
            throw StoreErrors.failure(connection, store, null, "learn where store '" + store + "' runs", e);
        } catch (IOException e) {
            throw StoreErrors.failure(connection, store, null, "learn where store '" + store + "' runs", e);
        }
        return know(replicas);
    }

    /** Keeps what is known now; a mode that is refused here is kept as its refusal, thrown by each append. */
    private Known know(int replicas) {
        String version = serverVersion();
        Known learned;
        try {
            learned = new Known(version, replicas, new StreamPlacement(version, replicas).choose(requested, store), null);
        } catch (EventStoreException refusal) {
            learned = new Known(version, replicas, null, refusal);
        }
        known = learned;
        return learned;
    }

    private String serverVersion() {
        return connection.getServerInfo().getVersion();
    }

    private record Known(String serverVersion, int replicas, AppendMode mode, EventStoreException refusal) {
    }
}
