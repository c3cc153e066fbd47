package io.rita.client;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.lang.reflect.Array;

/**
 * Floating-point numbers written as finite numbers only. Jackson writes {@code NaN} and the
 * infinities as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; JSON has no
 * such numbers, and a Rita service (like Go's {@code encoding/json}) refuses them with a 400. So
 * the client's default mapper refuses them before anything is sent, naming the field: for
 * {@code double}, {@code float}, their boxes (also inside collections and maps) and
 * {@code double[]}/{@code float[]}.
 */
final class FiniteWrites {

    private FiniteWrites() {
    }

    private static final Scalar SCALAR = new Scalar();

    static SimpleModule module() {
        return new SimpleModule("rita-finite-writes")
                .addSerializer(Double.class, SCALAR).addSerializer(double.class, SCALAR)
                .addSerializer(Float.class, SCALAR).addSerializer(float.class, SCALAR)
                .addSerializer(double[].class, new Elements<>(double[].class))
                .addSerializer(float[].class, new Elements<>(float[].class));
    }

    private static void check(double value, JsonGenerator generator, SerializerProvider provider)
            throws JsonMappingException {
        if (!Double.isFinite(value)) {
            throw JsonMappingException.from(provider, where(generator.getOutputContext()) + " is " + value
                    + ", which JSON cannot carry (a service refuses it): send a finite number, or null");
        }
    }

    /** {@code field 'amount'}, {@code an element of 'amounts'}, or {@code a number}. */
    private static String where(JsonStreamContext context) {
        if (context.inObject() && context.getCurrentName() != null) {
            return "field '" + context.getCurrentName() + "'";
        }
        JsonStreamContext parent = context.getParent();
        if (context.inArray() && parent != null && parent.inObject() && parent.getCurrentName() != null) {
            return "an element of '" + parent.getCurrentName() + "'";
        }
        return "a number";
    }

    private static final class Scalar extends StdScalarSerializer<Number> implements ContextualSerializer {

        Scalar() {
            super(Number.class);
        }

        /** A field that asks to be written as a string ({@code @JsonFormat(shape = STRING)}) is, as before. */
        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
            JsonFormat.Value format = findFormatOverrides(provider, property, handledType());
            return format != null && format.getShape() == JsonFormat.Shape.STRING ? ToStringSerializer.instance : this;
        }

        @Override
        public void serialize(Number value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            check(value.doubleValue(), generator, provider);
            if (value instanceof Float single) {
                generator.writeNumber(single);
            } else {
                generator.writeNumber(value.doubleValue());
            }
        }
    }

    /** A {@code double[]} or {@code float[]}: each element as {@link Scalar} writes it. */
    private static final class Elements<A> extends StdSerializer<A> {

        Elements(Class<A> type) {
            super(type);
        }

        @Override
        public void serialize(A values, JsonGenerator generator, SerializerProvider provider) throws IOException {
            int length = Array.getLength(values);
            generator.writeStartArray(values, length);
            for (int i = 0; i < length; i++) {
                SCALAR.serialize((Number) Array.get(values, i), generator, provider);
            }
            generator.writeEndArray();
        }
    }
}
