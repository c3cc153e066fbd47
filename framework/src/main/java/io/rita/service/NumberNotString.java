package io.rita.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.PrimitiveArrayDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A floating-point number read only from a JSON number. Jackson's own deserializer reads the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} before it asks the mapper's
 * coercion settings, so a mapper that refuses {@code "1.5"} for a {@code double} still took
 * them; JSON has no such numbers, and Go's {@code encoding/json} refuses them too. Everything
 * else (numbers, {@code null}, what a null becomes) is Jackson's own. {@link Array} does the same
 * for {@code double[]} and {@code float[]}, which Jackson reads without the element's deserializer.
 */
final class NumberNotString<T> extends JsonDeserializer<T> {

    private final Class<T> type;
    private final JsonDeserializer<?> standard;

    NumberNotString(Class<T> type) {
        this.type = type;
        this.standard = NumberDeserializers.find(type, type.getName());
    }

    @Override
    @SuppressWarnings("unchecked") // Jackson's deserializer for type gives a T
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            String text = parser.getText();
            throw InvalidFormatException.from(parser, "Cannot coerce String value (\"" + text + "\") to `"
                    + type.getName() + "` value: a JSON number is needed", text, type);
        }
        return (T) standard.deserialize(parser, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getNullValue(DeserializationContext context) throws JsonMappingException {
        return (T) standard.getNullValue(context);
    }

    /** A {@code double[]} or {@code float[]} whose elements are read by {@link NumberNotString}. */
    static final class Array<A> extends JsonDeserializer<A> {

        private final NumberNotString<?> element;
        private final JsonDeserializer<?> standard;

        Array(Class<A> arrayType) {
            this.element = new NumberNotString<>(arrayType.getComponentType());
            this.standard = PrimitiveArrayDeserializers.forType(arrayType.getComponentType());
        }

        @Override
        @SuppressWarnings("unchecked") // an array of the component type of A is an A
        public A deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                return (A) standard.deserialize(parser, context); // Jackson's refusal of a non-array, in its words
            }
            List<Object> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                try {
                    values.add(parser.hasToken(JsonToken.VALUE_NULL) ? element.getNullValue(context)
                            : element.deserialize(parser, context));
                } catch (JsonMappingException e) {
                    throw JsonMappingException.wrapWithPath(e, values, values.size());
                }
            }
            Object array = java.lang.reflect.Array.newInstance(element.type, values.size());
            for (int i = 0; i < values.size(); i++) {
                java.lang.reflect.Array.set(array, i, values.get(i));
            }
            return (A) array;
        }
    }
}
