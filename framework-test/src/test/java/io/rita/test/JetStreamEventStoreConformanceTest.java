package io.rita.test;

import io.rita.eventstore.EventStore;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The conformance suite on the JetStream store, against a real nats-server. */
class JetStreamEventStoreConformanceTest extends EventStoreConformance {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final List<JetStreamEventStore> created = new ArrayList<>();

    @Override
    protected EventStore newStore(RitaOptions options) {
        // a stream of its own per test: one server serves the whole class
        JetStreamEventStore store = Rita.of(nats.connection(), options).eventStore("conformance" + STREAMS.incrementAndGet());
        store.create();
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
}
