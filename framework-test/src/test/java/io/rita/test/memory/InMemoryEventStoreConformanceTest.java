package io.rita.test.memory;

import io.rita.eventstore.EventStore;
import io.rita.eventstore.RitaOptions;
import io.rita.test.EventStoreConformance;

class InMemoryEventStoreConformanceTest extends EventStoreConformance {

    @Override
    protected EventStore newStore(RitaOptions options) {
        return new InMemoryEventStore("conformance", options);
    }

    @Override
    protected EventStore reopen(EventStore store, RitaOptions options) {
        return ((InMemoryEventStore) store).withOptions(options);
    }
}
