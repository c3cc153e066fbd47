package io.rita.bench;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What each benchmark state stands on: its own nats-server (file storage, temporary directory),
 * one connection, one store created by Rita with its defaults, and the raw jnats baseline
 * working on the very same stream.
 *
 * <pre>{@code
 * try (Testbed bed = Testbed.start(Payload.BINARY)) {
 *     bed.store().append(...);
 *     bed.raw().append(...);
 * }
 * }</pre>
 *
 * @throws IllegalStateException from {@link #start} when nats-server cannot be started
 */
public final class Testbed implements AutoCloseable {

    /** The store (stream) name; subjects are {@code bench.>}. */
    public static final String STORE = "bench";

    private final LocalNatsServer server;
    private final Connection connection;
    private final JetStreamEventStore store;
    private final RawJetStream raw;

    private Testbed(LocalNatsServer server, Connection connection, JetStreamEventStore store, RawJetStream raw) {
        this.server = server;
        this.connection = connection;
        this.store = store;
        this.raw = raw;
    }

    /** Starts a server, connects, and creates the store. */
    public static Testbed start(Payload payload) {
        RitaOptions ritaOptions = payload.ritaOptions();
        LocalNatsServer server = LocalNatsServer.start();
        Connection connection = null;
        try {
            Options options = new Options.Builder()
                    .server(server.url())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .errorListener(new ProblemsOnly())
                    .build();
            connection = Nats.connect(options);
            JetStreamEventStore store = Rita.of(connection, ritaOptions).eventStore(STORE);
            store.create();
            return new Testbed(server, connection, store, new RawJetStream(connection, STORE, payload));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot connect to " + server.url(), e);
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        } catch (RuntimeException e) {
            // close the connection before the server, or it keeps trying to reconnect
            closeQuietly(connection);
            server.close();
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // jnats' default listener logs every flow-control reply of a long load, which buries JMH's output.
    private static final class ProblemsOnly implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            System.err.println("nats error: " + error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            System.err.println("nats exception: " + exception);
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            System.err.println("nats slow consumer: " + consumer);
        }

        @Override
        public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription,
                                   long lastStreamSequence, long lastConsumerSequence) {
            System.err.println("nats heartbeat alarm after stream sequence " + lastStreamSequence);
        }
    }

    /** Rita's store. */
    public JetStreamEventStore store() {
        return store;
    }

    /** The raw jnats baseline on the same stream. */
    public RawJetStream raw() {
        return raw;
    }

    /** Closes the connection and stops the server. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
