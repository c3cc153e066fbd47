package io.rita.kmm.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Jackson (de)serializers for the scalar types of the Go original's JSON: decimals as strings
 * with trailing zeros trimmed, times as RFC 3339 with trimmed nanoseconds.
 */
final class GoWireModule extends SimpleModule {

    /**
     * Longest decimal text accepted. Parsing is superlinear in the number of digits, and no real
     * amount needs more than a few dozen, so a 100,000-digit "amount" is refused before it is parsed.
     */
    static final int MAX_DECIMAL_LENGTH = 100;

    /** Go's {@code time.RFC3339Nano}: as many fraction digits as needed, none when zero. */
    static final DateTimeFormatter RFC_3339_NANO = new DateTimeFormatterBuilder().appendInstant(-1).toFormatter();

    GoWireModule() {
        super("kmm-go-wire");
        addSerializer(BigDecimal.class, new DecimalSerializer());
        addDeserializer(BigDecimal.class, new DecimalDeserializer());
        addSerializer(Instant.class, new TimeSerializer());
        addDeserializer(Instant.class, new TimeDeserializer());
    }

    /**
     * The wire text of a decimal: {@code 7.50} becomes {@code 7.5}, {@code 1E+2} becomes {@code 100}.
     * A value with a huge exponent keeps its scientific form, as its plain form could be millions
     * of digits long; the domain refuses such amounts, this only keeps printing them cheap.
     */
    static String decimalText(BigDecimal value) {
        BigDecimal trimmed = value.stripTrailingZeros();
        if (Math.abs((long) trimmed.scale()) > MAX_DECIMAL_LENGTH) {
            return trimmed.toString();
        }
        return trimmed.scale() < 0 ? trimmed.setScale(0).toPlainString() : trimmed.toPlainString();
    }

    private static final class DecimalSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(decimalText(value));
        }
    }

    /** Reads a decimal from a JSON string or a JSON number, never through binary floating point. */
    private static final class DecimalDeserializer extends JsonDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new WireValueException(p, field(p) + " must be a decimal number like \"7.5\"");
            }
            String text = p.getText().strip();
            if (text.length() > MAX_DECIMAL_LENGTH) {
                throw new WireValueException(p, field(p) + " must be a decimal number of at most "
                        + MAX_DECIMAL_LENGTH + " characters, was " + text.length());
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new WireValueException(p, field(p) + " must be a decimal number like \"7.5\", was \""
                        + text + "\"");
            }
        }
    }

    private static final class TimeSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(RFC_3339_NANO.format(value));
        }
    }

    /** Reads RFC 3339 with any offset, as Go writes it ({@code 2022-05-19T07:18:12.70798519-04:00}). */
    private static final class TimeDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                throw new WireValueException(p, field(p) + " must be an RFC 3339 time");
            }
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                throw new WireValueException(p, field(p) + " must be an RFC 3339 time like "
                        + "\"2022-05-30T13:41:53Z\", was \"" + text + "\"");
            }
        }
    }

    /** The JSON field being read, for error messages ({@code Amount}). */
    private static String field(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        // on '{' or '[' the parser has entered the value already: the name is one level up
        if ((p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY)
                && context.getParent() != null) {
            context = context.getParent();
        }
        String name = context.getCurrentName();
        return name == null ? "value" : name;
    }

    /** A value that does not fit its field; the message is meant for the sender as it is. */
    static final class WireValueException extends JsonMappingException {
        WireValueException(JsonParser p, String message) {
            super(p, message);
        }
    }

    /** Go's zero time, {@code 0001-01-01T00:00:00Z}: what the original sends for "no time". */
    static final Instant GO_ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
}
