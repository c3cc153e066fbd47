package io.rita.types;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {

    record Money(BigDecimal amount, String currency) {
    }

    record Deposited(Money money, List<Money> history, Map<String, Money> byKid, Kind kind) {
    }

    enum Kind { ALLOWANCE, GIFT }

    record Times(Instant instant, OffsetDateTime offset, ZonedDateTime zoned, LocalDate day, Duration duration) {
    }

    record Named(BigDecimal amount, String description) {
    }

    record Loose(Object value) {
    }

    private static final OffsetDateTime TIME = OffsetDateTime.of(2022, 5, 19, 7, 18, 12, 707985190, ZoneOffset.ofHours(-4));

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void json_round_trips_nested_records_collections_and_enums() {
        Money five = new Money(new BigDecimal("5.00"), "EUR");
        Deposited deposited = new Deposited(five, List.of(five), Map.of("ana", five), Kind.GIFT);

        Codec json = Codec.json();

        assertThat(json.decode(json.encode(deposited), Deposited.class)).isEqualTo(deposited);
    }

    @Test
    void json_round_trips_java_time_values_with_their_offsets() {
        Times times = new Times(TIME.toInstant(), TIME, TIME.toZonedDateTime(), TIME.toLocalDate(), Duration.ofMillis(1500));

        Codec json = Codec.json();

        assertThat(json.decode(json.encode(times), Times.class)).isEqualTo(times);
    }

    @Test
    void json_writes_dates_as_iso_text_and_keeps_the_offset() {
        String written = text(Codec.json().encode(new Times(TIME.toInstant(), TIME, null, TIME.toLocalDate(), Duration.ofMinutes(2))));

        assertThat(written).contains("\"offset\":\"2022-05-19T07:18:12.70798519-04:00\"",
                "\"instant\":\"2022-05-19T11:18:12.707985190Z\"", "\"day\":\"2022-05-19\"", "\"duration\":\"PT2M\"");
    }

    @Test
    void json_reads_an_offset_as_written_instead_of_moving_it_to_utc() {
        byte[] data = "{\"offset\":\"2022-05-19T07:18:12+02:00\"}".getBytes(StandardCharsets.UTF_8);

        Times read = Codec.json().decode(data, Times.class);

        assertThat(read.offset().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void json_keeps_big_decimals_exact_with_their_scale() {
        Named named = new Named(new BigDecimal("0.10"), "x");

        Named read = Codec.json().decode(Codec.json().encode(named), Named.class);

        assertThat(read.amount()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void json_reads_untyped_floating_point_numbers_as_exact_big_decimals() {
        byte[] data = "{\"value\":0.1}".getBytes(StandardCharsets.UTF_8);

        assertThat(Codec.json().decode(data, Loose.class).value()).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void json_ignores_properties_it_does_not_know_so_older_readers_accept_newer_events() {
        byte[] newer = "{\"amount\":2.5,\"description\":\"gift\",\"addedLater\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8);

        assertThat(Codec.json().decode(newer, Named.class)).isEqualTo(new Named(new BigDecimal("2.5"), "gift"));
    }

    @Test
    void json_with_a_given_mapper_uses_its_naming_strategy() {
        Codec goStyle = Codec.json(Codec.jsonMapper().setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE));
        Named named = new Named(BigDecimal.ONE, "allowance");

        byte[] data = goStyle.encode(named);

        assertThat(text(data)).isEqualTo("{\"Amount\":1,\"Description\":\"allowance\"}");
        assertThat(goStyle.decode(data, Named.class)).isEqualTo(named);
    }

    @Test
    void json_codec_is_named_json() {
        assertThat(Codec.json().name()).isEqualTo("json");
        assertThat(Codec.json(Codec.jsonMapper()).name()).isEqualTo("json");
    }

    @Test
    void json_wraps_a_decoding_failure_with_codec_type_and_cause() {
        byte[] broken = "{\"amount\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Codec.json().decode(broken, Named.class))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.codec()).isEqualTo("json");
                    assertThat(e.type()).isEqualTo(Named.class);
                    assertThat(e.getCause()).isNotNull();
                    assertThat(e.getMessage()).contains("json codec cannot handle", Named.class.getName());
                });
    }

    @Test
    void json_wraps_an_encoding_failure_with_codec_type_and_cause() {
        Object unwritable = new Object();

        assertThatThrownBy(() -> Codec.json().encode(unwritable))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.codec()).isEqualTo("json");
                    assertThat(e.type()).isEqualTo(Object.class);
                    assertThat(e.getCause()).isNotNull();
                });
    }

    @Test
    void json_refuses_null_data() {
        byte[] nullJson = "null".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Codec.json().decode(nullJson, Named.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("null");
    }

    @Test
    void binary_stores_bytes_as_they_are() {
        byte[] data = {0, (byte) 0xff, 42};

        Codec binary = Codec.binary();

        assertThat(binary.name()).isEqualTo("binary");
        assertThat(binary.encode(data)).containsExactly(0, 0xff, 42);
        assertThat(binary.decode(data, byte[].class)).containsExactly(0, 0xff, 42);
    }

    @Test
    void binary_refuses_to_encode_anything_but_bytes() {
        assertThatThrownBy(() -> Codec.binary().encode("text"))
                .isInstanceOfSatisfying(CodecException.class, e -> {
                    assertThat(e.codec()).isEqualTo("binary");
                    assertThat(e.type()).isEqualTo(String.class);
                    assertThat(e.getMessage()).contains("byte[]");
                });
    }

    @Test
    void binary_refuses_to_decode_to_anything_but_bytes() {
        assertThatThrownBy(() -> Codec.binary().decode(new byte[] {1}, Named.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("byte[]");
    }
}
