package io.rita.eventstore;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.rita.internal.ApiErrors;
import io.rita.internal.StoreSetupException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream behind a {@link JetStreamEventStore}: creating, adopting, changing, deleting and
 * describing it. The store's public methods of the same names say what each promises; this
 * class keeps the JetStream administration out of the class that appends and loads.
 */
final class StreamAdmin {

    private static final System.Logger LOG = System.getLogger(JetStreamEventStore.class.getName());

    private final StoreConfig config;
    private final String name;
    private final JetStreamManagement management;
    private final KnownPlacement placement;
    private final StoreErrors.Failures failures;

    StreamAdmin(StoreConfig config, JetStreamManagement management, KnownPlacement placement,
                StoreErrors.Failures failures) {
        this.config = config;
        this.name = config.name();
        this.management = management;
        this.placement = placement;
        this.failures = failures;
    }

    StoreInfo create() {
        placement.forReplicas(config.replicas());
        try {
            return toInfo(management.addStream(streamConfiguration(StreamConfiguration.builder())));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NAME_IN_USE) {
                throw new EventStoreException(null, "store '" + name + "' already exists with different settings; "
                        + "use ensure() to adopt it, update() to change it, or delete() it first", e);
            }
            throw failure(null, "create store '" + name + "'", e);
        } catch (IOException e) {
            throw failure(null, "create store '" + name + "'", e);
        }
    }

    StoreInfo ensure() {
        StreamConfiguration existing = existing();
        if (existing == null) {
            return create();
        }
        int replicas = Math.max(existing.getReplicas(), config.replicas());
        placement.forReplicas(replicas);
        if (!existing.getSubjects().containsAll(config.subjects())) {
            throw new EventStoreException(null, "stream '" + name + "' exists but binds " + existing.getSubjects()
                    + ", not " + config.subjects() + "; use another store name, or add the subjects with update()");
        }
        refuseDeleting(existing, "adopted");
        if (existing.getAllowDirect() && existing.getReplicas() == replicas) {
            return info();
        }
        // without direct gets every load would wait for a reply that never comes
        LOG.log(System.Logger.Level.INFO, "store ''{0}'': turning on direct gets and setting {1} replica(s)", name,
                replicas);
        return updateStream(StreamConfiguration.builder(existing).allowDirect(true).replicas(replicas).build());
    }

    /**
     * Refuses a stream that deletes messages by itself: used, its appends would be acknowledged and
     * then lost, and loads would fold what is left.
     *
     * @param notDone what the store does not do with it ("adopted", "opened", "updated")
     */
    private void refuseDeleting(StreamConfiguration existing, String notDone) {
        List<String> deletes = limitsThatDeleteEvents(existing);
        if (!deletes.isEmpty()) {
            throw new EventStoreException(null, "stream '" + name + "' exists but deletes messages: "
                    + String.join("; ", deletes) + ". An event store keeps every event, so it is not " + notDone
                    + ": remove the limit (nats stream edit " + name + "), or use another store name");
        }
    }

    /** The settings of {@code stream} under which the server deletes stored messages by itself. */
    static List<String> limitsThatDeleteEvents(StreamConfiguration stream) {
        List<String> deletes = new ArrayList<>();
        if (stream.getRetentionPolicy() != RetentionPolicy.Limits) {
            deletes.add("its retention is " + stream.getRetentionPolicy() + " (messages go once consumed), not limits");
        }
        if (stream.getMaxAge() != null && stream.getMaxAge().compareTo(Duration.ZERO) > 0) {
            deletes.add("it keeps messages for " + stream.getMaxAge() + " at most (max age)");
        }
        boolean refusesPerSubject = stream.getDiscardPolicy() == DiscardPolicy.New && stream.isDiscardNewPerSubject();
        if (stream.getMaxMsgsPerSubject() > 0 && !refusesPerSubject) {
            deletes.add("it keeps " + stream.getMaxMsgsPerSubject() + " message(s) per subject at most, discarding"
                    + " the oldest");
        }
        if (stream.getDiscardPolicy() == DiscardPolicy.Old) {
            // with discard new, a full stream refuses appends instead, and loses nothing
            if (stream.getMaxMsgs() > 0) {
                deletes.add("it keeps " + stream.getMaxMsgs() + " message(s) at most, discarding the oldest");
            }
            if (stream.getMaxBytes() > 0) {
                deletes.add("it keeps " + stream.getMaxBytes() + " bytes at most, discarding the oldest");
            }
        }
        return deletes;
    }

    StoreInfo update() {
        StreamConfiguration existing = existing();
        if (existing == null) {
            throw new StoreSetupException(null, "store '" + name + "' does not exist; create() it first", null);
        }
        // this store's settings set no limits, so the stream would go on deleting after the update
        refuseDeleting(existing, "updated");
        placement.forReplicas(config.replicas());
        return updateStream(streamConfiguration(StreamConfiguration.builder(existing)));
    }

    void delete() {
        try {
            management.deleteStream(name);
        } catch (IOException | JetStreamApiException e) {
            throw failure(null, "delete store '" + name + "'", e);
        }
    }

    /** {@link #info()}, refusing a stream that deletes messages by itself. */
    StoreInfo open() {
        StreamInfo info = streamInfo();
        refuseDeleting(info.getConfiguration(), "opened");
        return toInfo(info);
    }

    StoreInfo info() {
        return toInfo(streamInfo());
    }

    private StreamInfo streamInfo() {
        try {
            return management.getStreamInfo(name);
        } catch (IOException | JetStreamApiException e) {
            throw failure(null, "read info of store '" + name + "'", e);
        }
    }

    private StreamConfiguration streamConfiguration(StreamConfiguration.Builder builder) {
        return builder.name(name)
                .subjects(config.subjects())
                .storageType(config.storage() == StoreConfig.Storage.FILE ? StorageType.File : StorageType.Memory)
                .replicas(config.replicas())
                .duplicateWindow(config.duplicateWindow())
                .maximumMessageSize(config.maxMessageSize())
                .allowDirect(true)
                .build();
    }

    private StoreInfo updateStream(StreamConfiguration changed) {
        try {
            return toInfo(management.updateStream(changed));
        } catch (IOException | JetStreamApiException e) {
            throw failure(null, "update store '" + name + "'", e);
        }
    }

    /** The stream's configuration, or {@code null} when there is no such stream. */
    private StreamConfiguration existing() {
        try {
            return management.getStreamInfo(name).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == ApiErrors.STREAM_NOT_FOUND) {
                return null;
            }
            throw failure(null, "read info of store '" + name + "'", e);
        } catch (IOException e) {
            throw failure(null, "read info of store '" + name + "'", e);
        }
    }

    private StoreInfo toInfo(StreamInfo info) {
        StreamConfiguration stream = info.getConfiguration();
        StoreConfig found = new StoreConfig(stream.getName(), stream.getSubjects(),
                stream.getStorageType() == StorageType.File ? StoreConfig.Storage.FILE : StoreConfig.Storage.MEMORY,
                stream.getReplicas(), stream.getDuplicateWindow(), (int) Math.max(-1, stream.getMaximumMessageSize()),
                config.appendMode());
        return new StoreInfo(found, info.getStreamState().getMsgCount(), info.getStreamState().getByteCount(),
                info.getStreamState().getFirstSequence(), info.getStreamState().getLastSequence());
    }

    private EventStoreException failure(String subject, String action, Throwable cause) {
        return failures.failure(subject, action, cause);
    }
}
