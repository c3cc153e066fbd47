package io.rita.kmm.service;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamConfiguration;
import io.rita.eventstore.EventStoreException;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;

import java.io.IOException;

/**
 * Sets up the store {@code kmm} for {@link KmmServer}: creates the stream, or adopts one that
 * exists (made by an earlier version, by hand, or by the Go original) when it fits.
 */
final class KmmStore {

    private static final System.Logger LOG = System.getLogger(KmmStore.class.getName());
    private static final int STREAM_NOT_FOUND = 10059;

    private KmmStore() {
    }

    /**
     * The store, created when missing. An existing stream must bind {@link KmmSubjects#STORE_SUBJECTS};
     * one without direct gets, which the store reads through, gets them turned on.
     *
     * @throws KmmStartException when the server has no JetStream, or the stream does not fit
     */
    static JetStreamEventStore ensure(Connection connection, KmmServerOptions options, String url) {
        if (!connection.getServerInfo().isJetStreamAvailable()) {
            throw new KmmStartException("the nats-server at " + url + " runs without JetStream, where KMM keeps "
                    + "its events: start it with -js, or use `kmm serve --nats.embed`", null);
        }
        JetStreamEventStore store = Rita.of(connection, RitaOptions.defaults().withTypes(KmmWire.types())
                .withClock(options.clock())).eventStore(KmmSubjects.STORE);
        try {
            StreamConfiguration existing = existing(connection);
            if (existing == null) {
                store.create(config -> config.subjects(KmmSubjects.STORE_SUBJECTS));
            } else {
                adopt(store, existing);
            }
        } catch (EventStoreException | IOException | JetStreamApiException e) {
            throw new KmmStartException("cannot set up the store '" + KmmSubjects.STORE + "' on " + url + ": "
                    + e.getMessage(), e);
        }
        return store;
    }

    private static void adopt(JetStreamEventStore store, StreamConfiguration existing) {
        if (!existing.getSubjects().contains(KmmSubjects.STORE_SUBJECTS)) {
            throw new KmmStartException("stream '" + KmmSubjects.STORE + "' exists but does not bind "
                    + KmmSubjects.STORE_SUBJECTS + " (it binds " + existing.getSubjects() + ")", null);
        }
        if (!existing.getAllowDirect()) {
            // without it every load would wait for a direct-get reply that never comes
            store.update(config -> config.allowDirect(true));
            LOG.log(System.Logger.Level.INFO, "stream ''{0}'' did not allow direct gets, which the store reads "
                    + "events with: turned them on", KmmSubjects.STORE);
        }
    }

    /** The stream's configuration, or {@code null} when there is no such stream. */
    private static StreamConfiguration existing(Connection connection) throws IOException, JetStreamApiException {
        try {
            return connection.jetStreamManagement().getStreamInfo(KmmSubjects.STORE).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
