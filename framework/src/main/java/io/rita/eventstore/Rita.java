package io.rita.eventstore;

import io.nats.client.Connection;

import java.util.Objects;

/**
 * The entry point: a NATS connection plus options, from which event stores are named.
 *
 * <pre>{@code
 * Rita rita = Rita.of(connection, RitaOptions.defaults().withTypes(types));
 * JetStreamEventStore orders = rita.eventStore("orders");     // stream "orders", subjects "orders.>"
 * orders.create();
 * JetStreamEventStore kmm = rita.eventStore(StoreConfig.of("kmm").withSubjects("kmm.events.>"));
 * }</pre>
 *
 * <p>Cheap to create and thread-safe; it does not own the connection.
 */
public final class Rita {

    private final Connection connection;
    private final RitaOptions options;

    private Rita(Connection connection, RitaOptions options) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A Rita on the given connection with the given options. */
    public static Rita of(Connection connection, RitaOptions options) {
        return new Rita(connection, options);
    }

    /** A Rita on the given connection with {@link RitaOptions#defaults()}. */
    public static Rita of(Connection connection) {
        return new Rita(connection, RitaOptions.defaults());
    }

    /**
     * The event store of that name with {@link StoreConfig#of(String) the default settings}; nothing
     * is created yet.
     *
     * @throws IllegalArgumentException when the name is not a valid stream name
     */
    public JetStreamEventStore eventStore(String name) {
        return eventStore(StoreConfig.of(name));
    }

    /**
     * The snapshot store next to the event store named {@code eventStore}: stream
     * {@code <eventStore>-snapshots}, one replica; nothing is created yet
     * ({@link JetStreamSnapshotStore#ensure()}).
     *
     * @throws IllegalArgumentException when the name is not a valid stream name
     */
    public JetStreamSnapshotStore snapshotStore(String eventStore) {
        return snapshotStore(eventStore, 1);
    }

    /**
     * The snapshot store next to the event store named {@code eventStore}, created (by
     * {@link JetStreamSnapshotStore#ensure()}) with {@code replicas} copies: on a cluster, as many
     * as the event store's, so that snapshots stay readable when a server is down (a snapshot store
     * that cannot be read only makes cold loads slower: they fold from the events).
     *
     * @throws IllegalArgumentException when the name is not a valid stream name, or {@code replicas}
     *                                  is not 1 to 5
     */
    public JetStreamSnapshotStore snapshotStore(String eventStore, int replicas) {
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be 1 to 5 (JetStream's limit), was " + replicas);
        }
        return new JetStreamSnapshotStore(connection, eventStore, replicas, options.timeout());
    }

    /** The event store with these settings; nothing is created yet ({@link JetStreamEventStore#ensure()}). */
    public JetStreamEventStore eventStore(StoreConfig config) {
        return new JetStreamEventStore(connection, Objects.requireNonNull(config, "config"), options);
    }
}
