package io.rita.test;

import io.rita.eventstore.AppendMode;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoreConfig;
import io.rita.test.nats.NatsClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite on the JetStream store with replicated (R3) streams in a real 3-node
 * cluster, in the append mode the store chooses there by default.
 */
@Timeout(120)
class JetStreamClusterConformanceTest extends EventStoreConformance {

    @RegisterExtension
    static NatsClusterExtension nats = new NatsClusterExtension();

    private static PreparedStreams streams;

    private final List<JetStreamEventStore> created = new ArrayList<>();

    @BeforeAll
    static void prepareStreams() {
        streams = new PreparedStreams(nats.connect(), "conformance");
    }

    @AfterAll
    static void stopPreparing() {
        streams.close();
    }

    @Override
    protected EventStore newStore(RitaOptions options) {
        String name;
        try {
            name = streams.next();
        } catch (Exception e) {
            throw new IllegalStateException("no replicated stream for the test", e);
        }
        JetStreamEventStore store = Rita.of(nats.connection(), options).eventStore(StoreConfig.of(name).withReplicas(3));
        store.create(); // there already, the same: this checks the append mode
        created.add(store);
        return store;
    }

    @Override
    protected EventStore reopen(EventStore store, RitaOptions options) {
        return Rita.of(nats.connection(), options).eventStore(store.name());
    }

    @AfterEach
    void deleteStreams() {
        created.forEach(JetStreamEventStore::delete);
    }

    @Test
    void runs_in_the_mode_that_is_exact_on_this_server() {
        JetStreamEventStore store = (JetStreamEventStore) newStore(options());

        String version = nats.connection().getServerInfo().getVersion();
        assertThat(store.appendMode()).as("mode on nats-server %s", version).isEqualTo(
                io.rita.internal.ServerVersion.parse(version).isBefore(io.rita.internal.ServerVersion.parse("2.9.21"))
                        ? AppendMode.STREAM_SEQUENCE : AppendMode.PER_SUBJECT);
    }
}
