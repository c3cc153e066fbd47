package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownEventTypeException;
import io.rita.types.CodecException;
import io.rita.types.TypeRegistry;
import io.rita.types.TypeRegistryException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Conformance of typed events: encoding and decoding through the options' type registry. */
abstract class TypesConformance extends LoadConformance {

    /** A sample event of the suite. */
    record OrderPlaced(String item, BigDecimal price) {
    }

    /** Another sample event, registered where {@link OrderPlaced} is not. */
    record OrderShipped(String carrier) {
    }

    /** {@link #options()} with a registry of {@link OrderPlaced} and {@link OrderShipped}. */
    protected RitaOptions withOrders() {
        return options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlaced.class)
                .add("order-shipped", OrderShipped.class)
                .build());
    }

    @Test
    void round_trips_a_record_through_the_type_registry() {
        EventStore store = newStore(withOrders());

        store.append(subject(store, "1"), List.of(Event.of(new OrderPlaced("book", new BigDecimal("7.50")))));

        StoredEvent loaded = store.load(subject(store, "1")).events().get(0);
        assertThat(loaded.type()).isEqualTo("order-placed");
        assertThat(loaded.data()).isEqualTo(new OrderPlaced("book", new BigDecimal("7.50")));
    }

    @Test
    void refuses_an_append_of_data_whose_class_is_not_registered() {
        EventStore store = newStore(withOrders());

        assertThatThrownBy(() -> store.append(subject(store, "1"), List.of(Event.of(new StringBuilder("no")))))
                .isInstanceOf(TypeRegistryException.class);
        assertThat(store.load(subject(store, "1")).events()).isEmpty();
    }

    @Test
    void fails_to_load_an_event_whose_type_the_registry_lacks() {
        EventStore writer = newStore(withOrders());
        long sequence = writer.append(subject(writer, "1"), List.of(Event.of(new OrderPlaced("book", BigDecimal.ONE)))).sequence();
        EventStore reader = reopen(writer, options().withTypes(TypeRegistry.builder()
                .add("order-shipped", OrderShipped.class).build()));

        UnknownEventTypeException unknown = catchThrowableOfType(UnknownEventTypeException.class,
                () -> reader.load(subject(writer, "1")));

        assertThat(unknown.type()).isEqualTo("order-placed");
        assertThat(unknown.subject()).isEqualTo(subject(writer, "1"));
        assertThat(unknown.sequence()).isEqualTo(sequence);
    }

    @Test
    void loads_the_encoded_bytes_without_a_registry() {
        EventStore writer = newStore(withOrders());
        writer.append(subject(writer, "1"), List.of(Event.of(new OrderShipped("post"))));

        StoredEvent loaded = reopen(writer, options()).load(subject(writer, "1")).events().get(0);

        assertThat(loaded.type()).isEqualTo("order-shipped");
        assertThat(text(loaded.data())).contains("\"carrier\"", "\"post\"");
    }

    @Test
    void fails_to_load_data_that_its_codec_cannot_decode_naming_type_subject_and_sequence() {
        EventStore reader = newStore(withOrders());
        reader.append(subject(reader, "1"), List.of(Event.of(new OrderPlaced("book", BigDecimal.ONE))));
        // another program, without the registry, writes bytes that are no order-shipped
        EventStore writer = reopen(reader, options());
        long sequence = writer.append(subject(writer, "1"), List.of(Event.of("order-shipped", bytes("not json")))).sequence();

        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class,
                () -> reader.load(subject(writer, "1")));

        assertThat(failure).isNotNull();
        assertThat(failure.type()).isEqualTo("order-shipped");
        assertThat(failure.subject()).isEqualTo(subject(writer, "1"));
        assertThat(failure.sequence()).isEqualTo(sequence);
        assertThat(failure.getCause()).isInstanceOf(CodecException.class);
    }

}
