package io.rita.types;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeRegistryEncodingTest {

    record FundsDeposited(BigDecimal amount, String description, OffsetDateTime time) {
    }

    record FundsWithdrawn(BigDecimal amount) {
    }

    record Unregistered(String text) {
    }

    private static final FundsDeposited DEPOSITED = new FundsDeposited(new BigDecimal("12.50"), "birthday",
            OffsetDateTime.of(2024, 3, 1, 9, 30, 0, 0, ZoneOffset.ofHours(1)));

    private final TypeRegistry types = TypeRegistry.builder()
            .add("funds-deposited", FundsDeposited.class)
            .add("funds-withdrawn", FundsWithdrawn.class)
            .add("photo-uploaded", byte[].class, Codec.binary())
            .build();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodes_data_under_the_name_registered_for_its_class() {
        Encoded encoded = types.encode(null, DEPOSITED);

        assertThat(encoded.type()).isEqualTo("funds-deposited");
        assertThat(encoded.codec()).isEqualTo("json");
        assertThat(new String(encoded.data(), StandardCharsets.UTF_8)).contains("\"amount\":12.50", "\"description\":\"birthday\"");
    }

    @Test
    void encodes_data_under_a_given_registered_name() {
        Encoded encoded = types.encode("funds-withdrawn", new FundsWithdrawn(BigDecimal.ONE));

        assertThat(encoded.type()).isEqualTo("funds-withdrawn");
    }

    @Test
    void encodes_bytes_with_the_binary_codec_as_they_are() {
        Encoded encoded = types.encode("photo-uploaded", new byte[] {7, 8});

        assertThat(encoded.codec()).isEqualTo("binary");
        assertThat(encoded.data()).containsExactly(7, 8);
    }

    @Test
    void refuses_to_encode_data_of_an_unregistered_class() {
        assertThatThrownBy(() -> types.encode(null, new Unregistered("x")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("no event type registered for class " + Unregistered.class.getTypeName()
                        + "; annotate it with @EventType or add it to the registry");
    }

    @Test
    void refuses_to_encode_under_an_unregistered_name() {
        assertThatThrownBy(() -> types.encode("funds-lost", DEPOSITED))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("funds-lost")
                .hasMessageContaining("'funds-lost' is not registered");
    }

    @Test
    void refuses_to_encode_data_that_does_not_fit_the_given_name() {
        assertThatThrownBy(() -> types.encode("funds-withdrawn", DEPOSITED))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("funds-withdrawn")
                .hasMessageContaining(FundsWithdrawn.class.getTypeName())
                .hasMessageContaining("does not take data of class " + FundsDeposited.class.getTypeName());
    }

    @Test
    void refuses_to_encode_null_data() {
        assertThatThrownBy(() -> types.encode(null, null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void decodes_what_it_encoded() {
        Encoded encoded = types.encode(null, DEPOSITED);

        assertThat(types.decode(encoded.type(), encoded.codec(), encoded.version(), encoded.data())).contains(DEPOSITED);
    }

    @Test
    void decodes_with_the_registered_codec_when_no_codec_is_named() {
        assertThat(types.decode("funds-withdrawn", null, 1, utf8("{\"amount\":3}")))
                .contains(new FundsWithdrawn(new BigDecimal("3")));
    }

    @Test
    void decodes_binary_data_as_it_is() {
        assertThat(types.decode("photo-uploaded", "binary", 1, new byte[] {1, 2, 3}))
                .hasValueSatisfying(value -> assertThat((byte[]) value).containsExactly(1, 2, 3));
    }

    @Test
    void decodes_with_the_codec_named_on_the_event_rather_than_the_registered_one() {
        // a Go program may have written the bytes of a binary type as JSON: a base64 string
        assertThat(types.decode("photo-uploaded", "json", 1, utf8("\"AQID\"")))
                .hasValueSatisfying(value -> assertThat((byte[]) value).containsExactly(1, 2, 3));
    }

    @Test
    void decodes_json_with_the_builders_json_codec() {
        Codec goStyle = Codec.json(Codec.jsonMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE));
        TypeRegistry custom = TypeRegistry.builder().json(goStyle)
                .add("funds-withdrawn", FundsWithdrawn.class, new Renamed("legacy", Codec.json()))
                .build();

        assertThat(custom.decode("funds-withdrawn", "json", 1, utf8("{\"Amount\":3}")))
                .contains(new FundsWithdrawn(new BigDecimal("3")));
    }

    @Test
    void gives_nothing_for_an_unregistered_type() {
        assertThat(types.decode("funds-lost", "json", 1, utf8("{}"))).isEmpty();
    }

    @Test
    void refuses_a_codec_name_it_does_not_know() {
        assertThatThrownBy(() -> types.decode("funds-withdrawn", "msgpack", 1, new byte[] {1}))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.codec()).isEqualTo("msgpack");
                    assertThat(e.type()).isEqualTo(FundsWithdrawn.class);
                })
                .hasMessageContaining("unknown codec 'msgpack'")
                .hasMessageContaining("'funds-withdrawn'");
    }

    @Test
    void refuses_bytes_that_are_not_the_registered_type() {
        assertThatThrownBy(() -> types.decode("funds-withdrawn", "json", 1, utf8("{\"amount\":\"lots\"}")))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.type()).isEqualTo(FundsWithdrawn.class));
    }

    @Test
    void refuses_binary_bytes_for_a_record_type() {
        assertThatThrownBy(() -> types.decode("funds-withdrawn", "binary", 1, new byte[] {1}))
                .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.codec()).isEqualTo("binary"));
    }

    /** Another codec's bytes under a different name, as an application-defined codec would be. */
    record Renamed(String name, Codec inner) implements Codec {
        @Override
        public byte[] encode(Object value) {
            return inner.encode(value);
        }

        @Override
        public <T> T decode(byte[] data, Class<T> type) {
            return inner.decode(data, type);
        }
    }
}
