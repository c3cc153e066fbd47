package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Conformance of long histories: loads of more than a handful of messages, which the JetStream
 * store reads through a consumer rather than message by message, with multi-event messages and
 * typed events among them.
 */
abstract class HistoryConformance extends TypesConformance {

    /** How many messages the long histories hold after the sequence loaded from: well past a few direct reads. */
    private static final int MESSAGES = 9;

    /** An event as a load must give it back: its data and the sequence of its message. */
    private record Expected(Object data, long sequence) {
    }

    @Test
    void loads_a_long_typed_history_with_batches_in_order_after_a_sequence() {
        EventStore store = newStore(withOrders());
        String subject = subject(store, "orders.1");
        store.append(subject, List.of(Event.of(placed(0))));
        long after = store.append(subject, List.of(Event.of(placed(1)))).sequence();
        List<Expected> expected = appendHistory(store, subject, "orders.2");

        LoadResult loaded = store.load(subject, after);

        assertThat(loaded.events()).extracting(StoredEvent::data).containsExactlyElementsOf(data(expected));
        assertThat(loaded.events()).extracting(StoredEvent::sequence).containsExactlyElementsOf(sequences(expected));
        assertThat(loaded.events()).extracting(StoredEvent::subject).containsOnly(subject);
        assertThat(loaded.sequence()).isEqualTo(expected.get(expected.size() - 1).sequence());
    }

    @Test
    void loads_a_long_typed_history_through_a_wildcard_after_a_sequence() {
        EventStore store = newStore(withOrders());
        long after = store.append(subject(store, "orders.1"), List.of(Event.of(placed(0)))).sequence();
        List<Expected> one = appendHistory(store, subject(store, "orders.1"), "payments.1");
        List<Expected> both = new ArrayList<>(one);
        both.addAll(appendHistory(store, subject(store, "orders.2"), "payments.1"));
        both.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));

        LoadResult loaded = store.load(subject(store, "orders.*"), after);

        assertThat(loaded.events()).extracting(StoredEvent::data).containsExactlyElementsOf(data(both));
        assertThat(loaded.events()).extracting(StoredEvent::sequence).containsExactlyElementsOf(sequences(both));
        assertThat(loaded.sequence()).isEqualTo(both.get(both.size() - 1).sequence());
    }

    @Test
    void fails_on_an_unknown_type_deep_in_a_long_history() {
        EventStore writer = newStore(withOrders());
        String subject = subject(writer, "orders.1");
        for (int i = 0; i < MESSAGES - 1; i++) {
            writer.append(subject, List.of(Event.of(placed(i)), Event.of(placed(100 + i))));
        }
        long unknownAt = writer.append(subject, List.of(Event.of(placed(99)), Event.of(new OrderShipped("post")))).sequence();
        writer.append(subject, List.of(Event.of(placed(200))));
        EventStore reader = reopen(writer, options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlaced.class).build()));

        EventDecodingException unknown = catchThrowableOfType(EventDecodingException.class,
                () -> reader.load(subject));

        assertThat(unknown.unknownType()).isTrue();
        assertThat(unknown.type()).isEqualTo("order-shipped");
        assertThat(unknown.subject()).isEqualTo(subject);
        assertThat(unknown.sequence()).isEqualTo(unknownAt);
    }

    @Test
    void keeps_an_unknown_type_deep_in_a_long_history_when_asked() {
        EventStore writer = newStore(withOrders());
        String subject = subject(writer, "orders.1");
        for (int i = 0; i < MESSAGES; i++) {
            writer.append(subject, List.of(Event.of(placed(i)), Event.of(new OrderShipped("carrier-" + i))));
        }
        long last = writer.append(subject, List.of(Event.of(placed(200)))).sequence();
        EventStore reader = reopen(writer, options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlaced.class).build()));

        LoadResult loaded = reader.load(subject, 0, UnknownTypes.KEEP);

        assertThat(loaded.sequence()).isEqualTo(last);
        assertThat(loaded.events()).hasSize(2 * MESSAGES + 1);
        assertThat(loaded.events()).filteredOn(e -> e.data() instanceof Encoded)
                .hasSize(MESSAGES).extracting(StoredEvent::type).containsOnly("order-shipped");
        assertThat(loaded.events().get(loaded.events().size() - 1).data()).isEqualTo(placed(200));
    }

    /**
     * Appends {@link #MESSAGES} messages to {@code subject}, every third a batch of two typed
     * events and each followed by a message on {@code other} (which the loads must skip).
     */
    private List<Expected> appendHistory(EventStore store, String subject, String other) {
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            List<Object> data = i % 3 == 0
                    ? List.of(placed(10 + i), new OrderShipped("carrier-" + i))
                    : List.of(i % 2 == 0 ? placed(10 + i) : new OrderShipped("carrier-" + i));
            long sequence = store.append(subject, data.stream().map(Event::of).toList()).sequence();
            data.forEach(d -> expected.add(new Expected(d, sequence)));
            store.append(subject(store, other), List.of(Event.of(placed(-i))));
        }
        return expected;
    }

    private static OrderPlaced placed(int n) {
        return new OrderPlaced("item-" + n, new BigDecimal(n).movePointLeft(2));
    }

    private static List<Object> data(List<Expected> expected) {
        return expected.stream().map(Expected::data).toList();
    }

    private static List<Long> sequences(List<Expected> expected) {
        return expected.stream().map(Expected::sequence).toList();
    }
}
