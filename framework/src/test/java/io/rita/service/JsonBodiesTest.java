package io.rita.service;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a caller is told about a field of the wrong type: in JSON's terms, never a Java class name. */
class JsonBodiesTest {

    enum Size {
        SMALL, LARGE;

        @Override
        public String toString() {
            return name().toLowerCase(); // not what Jackson reads: the message lists the names
        }
    }

    /** Read from a single string, not an object. */
    record Sku(String value) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        Sku {
        }

        @com.fasterxml.jackson.annotation.JsonValue
        String json() {
            return value;
        }
    }

    record Line(Sku sku) {
    }

    record Address(String street) {
    }

    record Order(String item, boolean gift, Size size, List<String> notes, Address to, BigDecimal price, int count,
                 Instant at) {
    }

    private static final ObjectMapper JSON = JsonBodies.defaultMapper();
    private static final String VALID = "\"item\":\"book\",\"gift\":false,\"size\":\"SMALL\",\"notes\":[],"
            + "\"to\":{\"street\":\"Main\"},\"price\":1.5,\"count\":1,\"at\":\"2026-12-07T10:00:00Z\"";

    private static Order read(String fields) {
        return JsonBodies.read(JSON, Order.class, ("{" + fields + "}").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'\"item\":{\"a\":1}' | bad request body: field 'item' must be a string",
            "'\"gift\":\"yes\"' | bad request body: field 'gift' must be true or false, was \"yes\"",
            "'\"size\":\"HUGE\"' | bad request body: field 'size' must be one of [SMALL, LARGE], was \"HUGE\"",
            "'\"notes\":\"one\"' | bad request body: field 'notes' must be an array",
            "'\"to\":\"Main\"' | bad request body: field 'to' must be an object",
            "'\"to\":{\"street\":[1]}' | bad request body: field 'to.street' must be a string",
            "'\"price\":\"cheap\"' | bad request body: field 'price' must be a number, was \"cheap\"",
            "'\"count\":2.5' | bad request body: field 'count' must be a whole number, was 2.5",
            "'\"item\":7' | bad request body: field 'item' must be a string, was 7",
            "'\"item\":true' | bad request body: field 'item' must be a string, was true",
            "'\"gift\":\"true\"' | bad request body: field 'gift' must be true or false, was \"true\"",
            "'\"gift\":1' | bad request body: field 'gift' must be true or false, was 1",
            "'\"count\":\"7\"' | bad request body: field 'count' must be a whole number, was \"7\"",
            "'\"price\":\"1.5\"' | bad request body: field 'price' must be a number, was \"1.5\"",
            "'\"price\":\"\"' | bad request body: field 'price' must be a number, was \"\"",
            "'\"count\":\" \"' | bad request body: field 'count' must be a whole number, was \" \"",
            "'\"gift\":\"\"' | bad request body: field 'gift' must be true or false, was \"\"",
            "'\"size\":0' | bad request body: field 'size' must be one of [SMALL, LARGE], was 0"})
    void names_the_field_and_the_json_it_takes(String wrong, String message) {
        String field = wrong.substring(1, wrong.indexOf('"', 1));
        String fields = VALID.replaceAll("\"" + field + "\":(\\{[^}]*\\}|\\[[^]]*\\]|\"[^\"]*\"|[^,]*)", wrong);

        assertThatThrownBy(() -> read(fields)).isInstanceOf(BadRequestException.class).hasMessage(message);
    }

    record Measure(double value, Double boxed, float small, Float smallBoxed) {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "value | NaN", "value | Infinity", "value | -Infinity", "boxed | NaN", "small | Infinity",
            "smallBoxed | -Infinity", "value | 1.5"})
    void refuses_a_string_for_a_floating_point_number_also_nan_and_infinity(String field, String text) {
        // Jackson reads "NaN" and "Infinity" before any coercion setting applies; Go's encoding/json
        // and JSON itself have no such numbers
        String body = "{\"value\":1,\"boxed\":1,\"small\":1,\"smallBoxed\":1}"
                .replace("\"" + field + "\":1", "\"" + field + "\":\"" + text + "\"");

        assertThatThrownBy(() -> JsonBodies.read(JSON, Measure.class, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("bad request body: field '" + field + "' must be a number, was \"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"value | 1e999 | 1E+999", "boxed | -1e400 | -1E+400",
            "small | 1e39 | 1E+39", "smallBoxed | -3.5e38 | -3.5E+38"})
    void refuses_a_number_too_large_for_its_type(String field, String number, String shown) {
        String body = "{\"value\":1,\"boxed\":1,\"small\":1,\"smallBoxed\":1}"
                .replace("\"" + field + "\":1", "\"" + field + "\":" + number);

        assertThatThrownBy(() -> JsonBodies.read(JSON, Measure.class, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("bad request body: field '" + field + "' must be a number, was " + shown);
    }

    record Annotated(@JsonSetter(nulls = Nulls.AS_EMPTY) Double orZero,
                     @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) double[] one,
                     Map<String, Double> byName) {
    }

    @org.junit.jupiter.api.Test
    void keeps_what_jacksons_annotations_ask_for_and_checks_maps_too() {
        Annotated read = JsonBodies.read(JSON, Annotated.class,
                "{\"orZero\":null,\"one\":1.5,\"byName\":{\"a\":2}}".getBytes(StandardCharsets.UTF_8));

        assertThat(read.orZero()).isEqualTo(0.0);
        assertThat(read.one()).containsExactly(1.5);
        assertThat(read.byName()).containsEntry("a", 2.0);
        assertThatThrownBy(() -> JsonBodies.read(JSON, Annotated.class,
                "{\"orZero\":1,\"one\":[],\"byName\":{\"a\":\"NaN\"}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessage("bad request body: field 'byName.a' must be a"
                        + " number, was \"NaN\"");
    }

    record Series(double[] values, List<Double> boxed) {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'{\"values\":[1,\"NaN\"],\"boxed\":[]}' | values.[1]",
            "'{\"values\":[],\"boxed\":[2,\"Infinity\"]}' | boxed.[1]",
            "'{\"values\":[1e999],\"boxed\":[]}' | values.[0]",
            "'{\"values\":[],\"boxed\":[-1e999]}' | boxed.[0]"})
    void refuses_nan_in_an_array_of_numbers(String body, String field) {
        assertThatThrownBy(() -> JsonBodies.read(JSON, Series.class, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessageStartingWith("bad request body: field '" + field
                        + "' must be a number, was ");
    }

    @org.junit.jupiter.api.Test
    void reads_floating_point_numbers_as_numbers() {
        Measure read = JsonBodies.read(JSON, Measure.class,
                "{\"value\":1.5,\"boxed\":-0.25,\"small\":-2,\"smallBoxed\":3e2}".getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(new Measure(1.5, -0.25, -2f, 300f));
        Series series = JsonBodies.read(JSON, Series.class,
                "{\"values\":[1,-2.5,1e3],\"boxed\":[0.5]}".getBytes(StandardCharsets.UTF_8));
        assertThat(series.values()).containsExactly(1, -2.5, 1000);
        assertThat(series.boxed()).containsExactly(0.5);
        assertThatThrownBy(() -> JsonBodies.read(JSON, Series.class,
                "{\"values\":[1,null],\"boxed\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("values");
        assertThatThrownBy(() -> JsonBodies.read(JSON, Series.class,
                "{\"values\":1,\"boxed\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessage("bad request body: field 'values' must be an array");
        assertThatThrownBy(() -> JsonBodies.read(JSON, Measure.class,
                "{\"value\":null,\"boxed\":1,\"small\":1,\"smallBoxed\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("bad request body: field 'value' is missing or null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'\"at\":\"yesterday\"' | at"})
    void keeps_jacksons_words_where_they_say_more_than_a_json_kind(String wrong, String field) {
        String fields = VALID.replaceAll("\"at\":\"[^\"]*\"", wrong);

        assertThatThrownBy(() -> read(fields)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("bad request body: Cannot deserialize value of type `java.time.Instant`")
                .hasMessageEndingWith("(at " + field + ")");
    }

    @org.junit.jupiter.api.Test
    void does_not_call_a_value_record_an_object_nor_a_value_type_body_not_an_object() {
        assertThat(JsonBodies.read(JSON, Line.class, "{\"sku\":\"b-1\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Line(new Sku("b-1")));
        assertThatThrownBy(() -> JsonBodies.read(JSON, Line.class, "{\"sku\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageNotContaining("must be an object").hasMessageEndingWith("(at sku)");
        assertThatThrownBy(() -> JsonBodies.read(JSON, String.class, "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessageNotContaining("expected a JSON object");
    }

    @org.junit.jupiter.api.Test
    void echoes_no_more_than_the_start_of_a_long_value() {
        String fields = VALID.replace("\"count\":1", "\"count\":\"" + "7".repeat(10_000) + "\"");

        assertThatThrownBy(() -> read(fields)).isInstanceOf(BadRequestException.class)
                .hasMessage("bad request body: field 'count' must be a whole number, was \"" + "7".repeat(39) + "...");
    }

    @org.junit.jupiter.api.Test
    void reads_the_valid_body() {
        assertThat(read(VALID)).isEqualTo(new Order("book", false, Size.SMALL, List.of(), new Address("Main"),
                new BigDecimal("1.5"), 1, Instant.parse("2026-12-07T10:00:00Z")));
    }
}
