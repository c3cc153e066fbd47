package io.rita.types;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encode/decode round trip every type goes through when a registry is built. */
class RoundTripTest {

    enum Kind { ALLOWANCE, GIFT }

    record Money(BigDecimal amount, String currency) {
    }

    record EveryKind(String text, CharSequence chars, char letter, boolean flag, Boolean boxedFlag,
                     byte b, short s, int i, long l, float f, double d, Integer boxed, BigInteger big, BigDecimal money,
                     Instant instant, OffsetDateTime offset, ZonedDateTime zoned, LocalDateTime localDateTime,
                     LocalDate day, LocalTime localTime, OffsetTime offsetTime, Year year, YearMonth yearMonth,
                     MonthDay monthDay, Duration duration, Period period, ZoneId zone, ZoneOffset zoneOffset,
                     UUID id, Kind kind, List<Money> list, Set<String> set, Collection<Kind> collection,
                     Map<String, Money> map, SortedMap<String, Integer> sorted, String[] names, byte[] bytes,
                     Money nested, Object anything) {
    }

    record WithNote(String id, Optional<String> note) {
    }

    record Forgetful(String kept, @JsonIgnore String dropped) {
    }

    /** What the records below refuse, as a constructor that validates may: the registry's sample amount (1.5) among them. */
    static void atLeastTen(BigDecimal amount) {
        if (amount.compareTo(BigDecimal.TEN) < 0) {
            throw new IllegalArgumentException("amount must be at least 10");
        }
    }

    record AtLeastTen(BigDecimal amount, Instant time) {
        AtLeastTen {
            atLeastTen(amount);
        }
    }

    record AtLeastTenWithNote(BigDecimal amount, Optional<String> note) {
        AtLeastTenWithNote {
            atLeastTen(amount);
        }
    }

    record AtLeastTenWithTags(BigDecimal amount, Map<String, List<Optional<String>>> tags) {
        AtLeastTenWithTags {
            atLeastTen(amount);
        }
    }

    record AtLeastTenByNote(BigDecimal amount, Map<Optional<String>, String> byNote) {
        AtLeastTenByNote {
            atLeastTen(amount);
        }
    }

    /** The annotation takes the component out of Jackson's hands, so its type does not matter. */
    record AtLeastTenIgnoringNote(BigDecimal amount, @JsonIgnore Optional<String> note) {
        AtLeastTenIgnoringNote {
            atLeastTen(amount);
        }
    }

    record Scheduled(Runnable task) {
    }

    record Attachment(String name, byte[] content) {
    }

    record Chain(String value, Chain next) {
    }

    sealed interface Shape permits Circle, Square {
    }

    record Circle(int radius) implements Shape {
    }

    record Square(int side) implements Shape {
    }

    record Drawn(Shape shape) {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({@JsonSubTypes.Type(value = Dot.class, name = "dot"), @JsonSubTypes.Type(value = Line.class, name = "line")})
    sealed interface Mark permits Dot, Line {
    }

    record Dot(int x) implements Mark {
    }

    record Line(int from, int to) implements Mark {
    }

    record Marked(Mark mark) {
    }

    private static TypeRegistry register(Class<?> type) {
        return TypeRegistry.builder().add("checked", type).build();
    }

    @Test
    void accepts_a_record_of_every_supported_kind_of_component() {
        assertThat(register(EveryKind.class).typeOf("checked")).contains(EveryKind.class);
    }

    @Test
    void refuses_a_record_with_a_component_jackson_cannot_write() {
        assertThatThrownBy(() -> register(WithNote.class))
                .isInstanceOfSatisfying(IllegalArgumentException.class, e -> {
                    assertThat(e).hasMessageContaining("'checked'");
                    assertThat(e.getCause()).isInstanceOf(CodecException.class);
                })
                .hasMessageContaining("event type 'checked' (" + WithNote.class.getTypeName() + ")")
                .hasMessageContaining("does not survive an encode/decode round trip with the json codec")
                .hasMessageContaining("jackson-datatype-jdk8");
    }

    @Test
    void refuses_a_record_that_loses_a_component_in_the_round_trip() {
        assertThatThrownBy(() -> register(Forgetful.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'checked'")
                .hasMessageContaining("changed in the round trip")
                .hasMessageContaining("dropped=x").hasMessageContaining("dropped=null");
    }

    @Test
    void accepts_a_record_that_refuses_the_sample_when_jackson_can_handle_it() {
        assertThat(register(AtLeastTen.class).typeOf("checked")).contains(AtLeastTen.class);
    }

    @Test
    void refuses_a_record_that_refuses_the_sample_when_jackson_cannot_handle_a_component() {
        assertThatThrownBy(() -> register(AtLeastTenWithNote.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'checked'")
                .hasMessageContaining(AtLeastTenWithNote.class.getName() + ".note")
                .hasMessageContaining("Optional");
    }

    @Test
    void without_a_sample_looks_into_the_elements_of_containers() {
        assertThatThrownBy(() -> register(AtLeastTenWithTags.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AtLeastTenWithTags.class.getName() + ".tags (element) (element): Jackson cannot"
                        + " write java.util.Optional<java.lang.String>");
    }

    @Test
    void without_a_sample_passes_on_what_jackson_says_when_it_cannot_even_look() {
        // a map key Jackson cannot read fails the record's own deserializer lookup
        assertThatThrownBy(() -> register(AtLeastTenByNote.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("with the json codec: " + AtLeastTenByNote.class.getName()
                        + ": Cannot find a (Map) Key deserializer for type");
    }

    @Test
    void without_a_sample_trusts_a_component_with_a_jackson_annotation() {
        assertThat(register(AtLeastTenIgnoringNote.class).typeOf("checked")).contains(AtLeastTenIgnoringNote.class);
    }

    @Test
    void a_refusal_without_a_sample_keeps_why_there_was_none() {
        assertThatThrownBy(() -> register(AtLeastTenWithNote.class))
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(why -> assertThat(why).hasMessageContaining("AtLeastTenWithNote")));
    }

    @Test
    void refuses_a_record_with_an_abstract_component_jackson_cannot_read() {
        assertThatThrownBy(() -> register(Scheduled.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Scheduled.class.getName() + ".task")
                .hasMessageContaining("@JsonTypeInfo");
    }

    @Test
    void refuses_a_sealed_component_without_type_information() {
        assertThatThrownBy(() -> register(Drawn.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be decoded");
    }

    @Test
    void accepts_a_sealed_component_with_type_information() {
        assertThat(register(Marked.class).typeOf("checked")).contains(Marked.class);
    }

    @Test
    void compares_array_components_by_content() {
        assertThat(register(Attachment.class).typeOf("checked")).contains(Attachment.class);
    }

    @Test
    void accepts_a_record_that_contains_itself() {
        assertThat(register(Chain.class).typeOf("checked")).contains(Chain.class);
    }

    @Test
    void refuses_a_type_whose_codec_changes_the_data() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("shouted", String.class, new Shouting());

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'shouted'").hasMessageContaining("shout codec")
                .hasMessageContaining("wrote x, read back X");
    }

    @Test
    void trusts_another_codec_with_a_type_it_has_no_sample_for() {
        TypeRegistry types = TypeRegistry.builder().add("built", StringBuilder.class, new Shouting()).build();

        assertThat(types.typeOf("built")).contains(StringBuilder.class);
    }

    @Test
    void same_compares_records_with_arrays_by_content() {
        assertThat(RoundTrip.same(new Attachment("a", new byte[] {1, 2}), new Attachment("a", new byte[] {1, 2}))).isTrue();
        assertThat(RoundTrip.same(new Attachment("a", new byte[] {1, 2}), new Attachment("a", new byte[] {1, 3}))).isFalse();
        assertThat(RoundTrip.same(List.of(), new java.util.ArrayList<>())).isTrue();
    }

    /** A codec that upper-cases text: it changes data, so the round trip must catch it. */
    static final class Shouting implements Codec {
        @Override
        public String name() {
            return "shout";
        }

        @Override
        public byte[] encode(Object value) {
            return value.toString().toUpperCase().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T decode(byte[] data, Class<T> type) {
            return type.cast(new String(data, StandardCharsets.UTF_8));
        }
    }
}
