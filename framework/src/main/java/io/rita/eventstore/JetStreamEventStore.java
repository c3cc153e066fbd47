package io.rita.eventstore;

import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An {@link EventStore} on one JetStream stream. See {@code docs/wire-format.md}.
 */
public final class JetStreamEventStore implements EventStore {

    JetStreamEventStore(Connection connection, String name, RitaOptions options) {
        throw new UnsupportedOperationException("todo");
    }

    @Override
    public String name() {
        throw new UnsupportedOperationException("todo");
    }

    /** Creates the stream with the defaults: subjects {@code <name>.>}, file storage, direct get. */
    public StoreInfo create() {
        return create(UnaryOperator.identity());
    }

    /** Creates the stream with the defaults, then the caller's changes to any setting. */
    public StoreInfo create(UnaryOperator<StreamConfiguration.Builder> customize) {
        throw new UnsupportedOperationException("todo");
    }

    /** Updates the stream's settings, starting from its current configuration. */
    public StoreInfo update(UnaryOperator<StreamConfiguration.Builder> customize) {
        throw new UnsupportedOperationException("todo");
    }

    /** Deletes the stream and every event in it. */
    public void delete() {
        throw new UnsupportedOperationException("todo");
    }

    /** What the stream holds. */
    public StoreInfo info() {
        throw new UnsupportedOperationException("todo");
    }

    @Override
    public long append(String subject, List<Event> events, AppendOptions options) {
        throw new UnsupportedOperationException("todo");
    }

    @Override
    public LoadResult load(String subject, long afterSequence) {
        throw new UnsupportedOperationException("todo");
    }
}
