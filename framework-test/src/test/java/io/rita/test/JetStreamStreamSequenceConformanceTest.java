package io.rita.test;

import io.rita.eventstore.AppendMode;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.JetStreamEventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.StoreConfig;
import io.rita.eventstore.RitaOptions;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite on the JetStream store in {@link AppendMode#STREAM_SEQUENCE}, on a single
 * server, where a user may choose it too: the mode must keep every promise the default keeps.
 */
@Timeout(120)
class JetStreamStreamSequenceConformanceTest extends EventStoreConformance {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final List<JetStreamEventStore> created = new ArrayList<>();

    @Override
    protected EventStore newStore(RitaOptions options) {
        JetStreamEventStore store = Rita.of(nats.connection(), options).eventStore(
                StoreConfig.of("sequenced" + STREAMS.incrementAndGet()).withAppendMode(AppendMode.STREAM_SEQUENCE));
        store.create();
        created.add(store);
        return store;
    }

    @Override
    protected EventStore reopen(EventStore store, RitaOptions options) {
        return Rita.of(nats.connection(), options).eventStore(StoreConfig.of(store.name())
                .withAppendMode(AppendMode.STREAM_SEQUENCE));
    }

    @AfterEach
    void deleteStreams() {
        created.forEach(JetStreamEventStore::delete);
    }

    @Test
    void appends_in_the_mode_it_was_asked_for() {
        assertThat(((JetStreamEventStore) newStore(options())).appendMode()).isEqualTo(AppendMode.STREAM_SEQUENCE);
    }
}
