package io.rita.kmm.service;

import io.nats.client.Connection;
import io.rita.aggregate.Snapshots;
import io.rita.eventstore.JetStreamSnapshotStore;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;

/**
 * Sets up the store {@code kmm} for {@link KmmServer}: creates the stream, or adopts one that
 * exists (made by an earlier version, by hand, or by the Go original) when it binds KMM's
 * subjects ({@link JetStreamEventStore#ensure()}); with {@code --replicas} on a cluster, with that
 * many copies (an existing stream with fewer gets more, never fewer).
 */
final class KmmStore {

    private static final System.Logger LOG = System.getLogger(KmmStore.class.getName());

    private KmmStore() {
    }

    /**
     * The store, created when missing.
     *
     * @throws KmmStartException when the server has no JetStream, or the stream does not fit
     */
    static JetStreamEventStore ensure(Connection connection, KmmServerOptions options, String url) {
        if (!connection.getServerInfo().isJetStreamAvailable()) {
            throw new KmmStartException("the nats-server at " + url + " runs without JetStream, where KMM keeps "
                    + "its events: start it with -js, or use `kmm serve --nats.embed`", null);
        }
        JetStreamEventStore store = on(connection, options);
        try {
            store.ensure();
        } catch (EventStoreException e) {
            throw new KmmStartException("cannot set up the store '" + KmmSubjects.STORE + "' on " + url + ": "
                    + e.getMessage() + replicasHint(connection, options.replicas()), e);
        }
        return store;
    }

    /** The store on {@code connection}, as it is set up by {@link #ensure}, without asking the server anything. */
    static JetStreamEventStore on(Connection connection, KmmServerOptions options) {
        return Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types()).withClock(options.clock()))
                .eventStore(StoreConfig.of(KmmSubjects.STORE).withSubjects(KmmSubjects.STORE_SUBJECTS)
                        .withReplicas(options.replicas()));
    }

    /**
     * KMM's snapshot options on the stream {@code kmm-snapshots}, created when missing; none
     * (accounts are folded from their events, as before) when it cannot be set up, with one log
     * line: snapshots make cold accounts faster, and a service without them still answers rightly.
     * With {@code --replicas} the snapshot stream has as many copies as the events.
     */
    static Snapshots snapshots(Connection connection, int replicas) {
        JetStreamSnapshotStore snapshots = Rita.of(connection).snapshotStore(KmmSubjects.STORE, replicas);
        try {
            snapshots.ensure();
            return AccountSnapshots.in(snapshots);
        } catch (EventStoreException e) {
            LOG.log(System.Logger.Level.WARNING, "serving without snapshots of accounts: " + e.getMessage());
            return Snapshots.none();
        }
    }

    /** Why a replicated store may not fit: the server is not part of a cluster, or it is too small. */
    private static String replicasHint(Connection connection, int replicas) {
        if (replicas == 1) {
            return "";
        }
        if (connection.getServerInfo().getCluster() == null) {
            return "; --replicas " + replicas + " needs a NATS cluster of at least " + replicas + " servers with "
                    + "JetStream, and " + url(connection) + " is a single server: leave --replicas out, or see "
                    + "docs/operations.md for a cluster";
        }
        return "; --replicas " + replicas + " needs at least " + replicas + " servers with JetStream in cluster '"
                + connection.getServerInfo().getCluster() + "', all of them up";
    }

    private static String url(Connection connection) {
        String url = connection.getConnectedUrl();
        return url == null ? "the server" : url;
    }
}
