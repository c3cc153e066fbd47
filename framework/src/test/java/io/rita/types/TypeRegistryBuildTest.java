package io.rita.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, duplicates and the shape of entries; the round trip has its own test. */
class TypeRegistryBuildTest {

    record FundsDeposited(BigDecimal amount, String description, Instant time) {
    }

    record FundsWithdrawn(BigDecimal amount) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "funds-deposited", "com.example.order-shipped", "A_1", "x.y-z.w_9", "-", "_"})
    void accepts_names_matching_the_rita_pattern(String name) {
        TypeRegistry types = TypeRegistry.builder().add(name, FundsDeposited.class).build();

        assertThat(types.typeOf(name)).contains(FundsDeposited.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a b", "a..b", ".a", "a.", "a/b", "a*", ">", "orders.*", "café", "a\n"})
    void refuses_names_not_matching_the_rita_pattern(String name) {
        TypeRegistry.Builder builder = TypeRegistry.builder().add(name, FundsDeposited.class);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad event type name " + (name == null ? "null" : "'" + name + "'"))
                .hasMessageContaining(FundsDeposited.class.getTypeName())
                .hasMessageContaining("^[\\w-]+(\\.[\\w-]+)*$");
    }

    @Test
    void refuses_one_name_for_two_types() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-moved", FundsDeposited.class)
                .add("funds-moved", FundsWithdrawn.class);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("funds-moved")
                .hasMessageContaining("'funds-moved' is registered twice")
                .hasMessageContaining(FundsDeposited.class.getTypeName())
                .hasMessageContaining(FundsWithdrawn.class.getTypeName());
    }

    @Test
    void refuses_one_type_under_two_names() {
        TypeRegistry.Builder builder = TypeRegistry.builder()
                .add("funds-deposited", FundsDeposited.class)
                .add("money-in", FundsDeposited.class);

        assertThatThrownBy(builder::build)
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("money-in")
                .hasMessageContaining(FundsDeposited.class.getTypeName())
                .hasMessageContaining("'funds-deposited' and 'money-in'");
    }

    @Test
    void refuses_a_missing_java_type() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("funds-deposited", null);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'funds-deposited'").hasMessageContaining("no Java type");
    }

    @Test
    void refuses_a_missing_codec() {
        TypeRegistry.Builder builder = TypeRegistry.builder();

        assertThatThrownBy(() -> builder.add("funds-deposited", FundsDeposited.class, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'funds-deposited'").hasMessageContaining("without a codec");
    }

    @Test
    void refuses_a_primitive_type() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("counted", int.class);

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'counted'").hasMessageContaining("primitive");
    }

    @Test
    void refuses_the_binary_codec_for_anything_but_bytes() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("funds-deposited", FundsDeposited.class, Codec.binary());

        assertThatThrownBy(builder::build).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'funds-deposited'")
                .hasMessageContaining("register it as byte[].class");
    }

    @Test
    void accepts_bytes_with_the_binary_codec() {
        TypeRegistry types = TypeRegistry.builder().add("photo-uploaded", byte[].class, Codec.binary()).build();

        assertThat(types.codecOf("photo-uploaded")).contains(Codec.binary());
    }

    @Test
    void refuses_a_json_codec_not_named_json() {
        Codec xml = new NamedCodec("xml");

        assertThatThrownBy(() -> TypeRegistry.builder().json(xml))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xml'");
    }

    @Test
    void uses_the_builders_json_codec_for_types_added_without_one() {
        Codec goStyle = Codec.json(Codec.jsonMapper());

        TypeRegistry types = TypeRegistry.builder().add("funds-deposited", FundsDeposited.class).json(goStyle).build();

        assertThat(types.codecOf("funds-deposited")).containsSame(goStyle);
    }

    @Test
    void builds_from_a_map_with_the_json_codec() {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        map.put("funds-deposited", FundsDeposited.class);
        map.put("funds-withdrawn", FundsWithdrawn.class);

        TypeRegistry types = TypeRegistry.of(map);

        assertThat(types.names()).containsExactly("funds-deposited", "funds-withdrawn");
        assertThat(types.codecOf("funds-withdrawn")).contains(Codec.json());
    }

    @Test
    void is_not_changed_by_later_additions_to_its_builder() {
        TypeRegistry.Builder builder = TypeRegistry.builder().add("funds-deposited", FundsDeposited.class);
        TypeRegistry built = builder.build();

        builder.add("funds-withdrawn", FundsWithdrawn.class).build();

        assertThat(built.names()).containsExactly("funds-deposited");
    }

    @Test
    void hands_out_names_that_cannot_be_modified() {
        TypeRegistry types = TypeRegistry.builder().add("funds-deposited", FundsDeposited.class).build();

        assertThatThrownBy(() -> types.names().add("sneaked-in")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void answers_lookups_by_name_and_by_type() {
        TypeRegistry types = TypeRegistry.builder().add("funds-deposited", FundsDeposited.class).build();

        assertThat(types.nameOf(FundsDeposited.class)).contains("funds-deposited");
        assertThat(types.typeOf("funds-deposited")).contains(FundsDeposited.class);
        assertThat(types.nameOf(FundsWithdrawn.class)).isEmpty();
        assertThat(types.typeOf("funds-withdrawn")).isEmpty();
        assertThat(types.codecOf("funds-withdrawn")).isEmpty();
    }

    @Test
    void builds_an_empty_registry() {
        TypeRegistry empty = TypeRegistry.builder().build();

        assertThat(empty.names()).isEmpty();
        assertThat(empty.typeOf("x")).isEmpty();
    }

    /** A stand-in codec that only has a name and stores UTF-8 text. */
    record NamedCodec(String name) implements Codec {
        @Override
        public byte[] encode(Object value) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T decode(byte[] data, Class<T> type) {
            return type.cast(new String(data, StandardCharsets.UTF_8));
        }
    }
}
