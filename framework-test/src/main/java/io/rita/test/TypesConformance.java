package io.rita.test;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventDecodingException;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.LoadResult;
import io.rita.eventstore.RitaOptions;
import io.rita.eventstore.StoredEvent;
import io.rita.eventstore.UnknownTypes;
import io.rita.types.CodecException;
import io.rita.types.Encoded;
import io.rita.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Conformance of typed events: encoding and decoding through the options' type registry, and the
 * schema's evolution (older versions upcast on load, old names, unknown types kept on request).
 */
abstract class TypesConformance extends LoadConformance {

    /** A sample event of the suite. */
    record OrderPlaced(String item, BigDecimal price) {
    }

    /** Another sample event, registered where {@link OrderPlaced} is not. */
    record OrderShipped(String carrier) {
    }

    /** What {@code order-placed} was at version 1: the price was called "cost". */
    record OrderPlacedV1(String item, BigDecimal cost) {
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
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(subject(store, "1")).events()).isEmpty();
    }

    @Test
    void fails_to_load_an_event_whose_type_the_registry_lacks() {
        EventStore writer = newStore(withOrders());
        long sequence = writer.append(subject(writer, "1"), List.of(Event.of(new OrderPlaced("book", BigDecimal.ONE)))).sequence();
        EventStore reader = reopen(writer, options().withTypes(TypeRegistry.builder()
                .add("order-shipped", OrderShipped.class).build()));

        EventDecodingException unknown = catchThrowableOfType(EventDecodingException.class,
                () -> reader.load(subject(writer, "1")));

        assertThat(unknown.unknownType()).isTrue();
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

    /** {@link #options()} of the program before: order-placed at version 1, order-shipped called order-sent. */
    private RitaOptions before() {
        return options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlacedV1.class)
                .add("order-sent", OrderShipped.class)
                .build());
    }

    /** {@link #options()} of the program after: order-placed at version 2, order-sent renamed order-shipped. */
    private RitaOptions after() {
        return options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlaced.class)
                .add("order-shipped", OrderShipped.class)
                .alias("order-sent", "order-shipped")
                .upcast("order-placed", 1, json -> json.set("price", json.remove("cost")))
                .build());
    }

    @Test
    void upcasts_events_stored_at_an_older_version_and_reads_new_ones_as_they_are() {
        EventStore older = newStore(before());
        String subject = subject(older, "1");
        older.append(subject, List.of(Event.of(new OrderPlacedV1("book", new BigDecimal("7.50")))));
        older.append(subject, List.of(Event.of(new OrderPlacedV1("pen", BigDecimal.ONE)),
                Event.of(new OrderPlacedV1("ink", new BigDecimal("0.25")))));
        EventStore newer = reopen(older, after());
        newer.append(subject, List.of(Event.of(new OrderPlaced("map", BigDecimal.TEN))));

        assertThat(newer.load(subject).events()).extracting(StoredEvent::type, StoredEvent::data).containsExactly(
                tuple("order-placed", new OrderPlaced("book", new BigDecimal("7.50"))),
                tuple("order-placed", new OrderPlaced("pen", BigDecimal.ONE)),
                tuple("order-placed", new OrderPlaced("ink", new BigDecimal("0.25"))),
                tuple("order-placed", new OrderPlaced("map", BigDecimal.TEN)));
    }

    @Test
    void never_rewrites_a_stored_event_and_refuses_a_version_newer_than_the_reader_knows() {
        EventStore older = newStore(before());
        String subject = subject(older, "1");
        older.append(subject, List.of(Event.of(new OrderPlacedV1("book", BigDecimal.ONE))));
        EventStore newer = reopen(older, after());
        newer.load(subject);
        long newAt = newer.append(subject, List.of(Event.of(new OrderPlaced("map", BigDecimal.TEN)))).sequence();

        List<StoredEvent> raw = reopen(older, options()).load(subject).events();
        assertThat(text(raw.get(0).data())).contains("\"cost\"").doesNotContain("price");
        assertThat(text(raw.get(1).data())).contains("\"price\"");
        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class, () -> older.load(subject));
        assertThat(failure.type()).isEqualTo("order-placed");
        assertThat(failure.version()).isEqualTo(2);
        assertThat(failure.subject()).isEqualTo(subject);
        assertThat(failure.sequence()).isEqualTo(newAt);
        assertThat(failure).hasMessageContaining("newer than version 1");
    }

    @Test
    void reads_an_old_name_as_the_current_type_and_appends_under_the_current_name() {
        EventStore older = newStore(before());
        String subject = subject(older, "1");
        older.append(subject, List.of(Event.of(new OrderShipped("post"))));
        EventStore newer = reopen(older, after());
        newer.append(subject, List.of(Event.of(new OrderShipped("courier"))));

        assertThat(newer.load(subject).events()).extracting(StoredEvent::type, StoredEvent::data).containsExactly(
                tuple("order-shipped", new OrderShipped("post")), tuple("order-shipped", new OrderShipped("courier")));
        assertThat(reopen(older, options()).load(subject).events()).extracting(StoredEvent::type)
                .containsExactly("order-sent", "order-shipped");
    }

    @Test
    void names_type_version_subject_and_sequence_when_an_upcaster_fails() {
        EventStore older = newStore(before());
        String subject = subject(older, "1");
        long sequence = older.append(subject, List.of(Event.of(new OrderPlacedV1("book", BigDecimal.ONE)))).sequence();
        EventStore broken = reopen(older, options().withTypes(TypeRegistry.builder()
                .add("order-placed", OrderPlaced.class)
                .upcast("order-placed", 1, json -> {
                    throw new IllegalStateException("cannot price " + json.get("item"));
                })
                .build()));

        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class, () -> broken.load(subject));

        assertThat(failure).hasMessageStartingWith("cannot decode event of type 'order-placed' version 1 on " + subject
                + " at sequence " + sequence).hasMessageContaining("cannot price \"book\"");
        assertThat(failure.version()).isEqualTo(1);
        assertThat(failure.sequence()).isEqualTo(sequence);
    }

    @Test
    void keeps_an_event_of_an_unknown_type_as_stored_when_asked() {
        EventStore writer = newStore(withOrders());
        String subject = subject(writer, "1");
        writer.append(subject, List.of(Event.of(new OrderShipped("post"))));
        long unknownAt = writer.append(subject, List.of(Event.of(new OrderPlaced("book", BigDecimal.ONE))
                .withMeta("user", "ann"))).sequence();
        EventStore reader = reopen(writer, options().withTypes(TypeRegistry.builder()
                .add("order-shipped", OrderShipped.class).build()));

        LoadResult loaded = reader.load(subject, 0, UnknownTypes.KEEP);

        assertThat(loaded.sequence()).isEqualTo(unknownAt);
        assertThat(loaded.events()).hasSize(2);
        assertThat(loaded.events().get(0).data()).isEqualTo(new OrderShipped("post"));
        StoredEvent kept = loaded.events().get(1);
        assertThat(kept.type()).isEqualTo("order-placed");
        assertThat(kept.sequence()).isEqualTo(unknownAt);
        assertThat(kept.meta()).containsEntry("user", "ann");
        assertThat(kept.data()).isInstanceOfSatisfying(Encoded.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("order-placed");
            assertThat(unknown.codec()).isEqualTo("json");
            assertThat(unknown.version()).isEqualTo(1);
            assertThat(text(unknown.data())).contains("\"book\"");
        });
        assertThatThrownBy(() -> reader.load(subject, 0, UnknownTypes.FAIL)).isInstanceOf(EventDecodingException.class);
    }
}
