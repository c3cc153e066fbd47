package io.rita.test;

import io.rita.eventstore.StoredEvent;
import io.rita.service.Reply;
import io.rita.test.memory.InMemoryEventStore;

import java.util.List;

/**
 * What a handler scenario produced, returned by the handler fixture's {@code then} methods for
 * further assertions.
 *
 * <pre>{@code
 * Handled handled = fx.when("counters.c1.add", "{\"amount\":3}").thenStored(new Added(3, NOW));
 * assertThat(handled.reply().headers()).containsEntry("Rita-Sequence", "1");
 * assertThat(handled.stored().get(0).meta()).containsKey("causation-id");
 * }</pre>
 *
 * @param reply  the reply the dispatcher gave
 * @param stored the events the request appended, in order, with ids, times, meta and sequences
 *               (events appended by a simulated concurrent writer are not among them)
 * @param store  the scenario's store, holding the given events, the concurrent ones and these
 */
public record Handled(Reply reply, List<StoredEvent> stored, InMemoryEventStore store) {

    public Handled {
        stored = List.copyOf(stored);
    }

    /** The data of the stored events, e.g. the event records. */
    public List<Object> storedData() {
        return stored.stream().map(StoredEvent::data).toList();
    }
}
