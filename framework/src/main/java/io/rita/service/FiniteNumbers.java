package io.rita.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.ArrayType;

import java.io.IOException;

/**
 * Floating-point numbers read as finite numbers only. Jackson reads the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} into a {@code double} before it asks the mapper's
 * coercion settings, and a number too large for the type ({@code 1e999}) as infinity; JSON has no
 * such numbers, and Go's {@code encoding/json} refuses all of them. Jackson's own deserializers
 * still do the reading (so its annotations, null handling and coercion settings apply as before);
 * this only refuses what they return when it is not finite, for {@code double}, {@code float},
 * their boxes (also inside collections and maps) and {@code double[]}/{@code float[]}.
 */
final class FiniteNumbers extends BeanDeserializerModifier {

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                  JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        boolean floating = type == double.class || type == Double.class || type == float.class || type == Float.class;
        return floating ? new Scalar(deserializer, type) : deserializer;
    }

    @Override
    public JsonDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                                                       BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> component = type.getContentType().getRawClass();
        return component == double.class || component == float.class ? new Array(deserializer, component)
                : deserializer;
    }

    private static boolean finite(Object value) {
        return !(value instanceof Double d && !Double.isFinite(d)) && !(value instanceof Float f && !Float.isFinite(f));
    }

    private static InvalidFormatException notFinite(JsonParser parser, Object shown, Class<?> type) {
        return InvalidFormatException.from(parser, "Cannot read " + shown + " as `" + type.getName() + "`: not a"
                + " finite number", shown, type);
    }

    /** One {@code double}, {@code float} or box of either. */
    private static final class Scalar extends DelegatingDeserializer {

        private final Class<?> type;

        Scalar(JsonDeserializer<?> standard, Class<?> type) {
            super(standard);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Scalar(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = _delegatee.deserialize(parser, context);
            if (!finite(value)) {
                // as the caller wrote it ("NaN" as a string, 1e999 as a number): a scalar's
                // deserializer leaves the parser at the value it read
                JsonToken token = parser.currentToken();
                Object shown = token == JsonToken.VALUE_STRING ? parser.getText()
                        : token != null && token.isNumeric() ? parser.getDecimalValue() : value;
                throw notFinite(parser, shown, type);
            }
            return value;
        }
    }

    /** A {@code double[]} or {@code float[]}, which Jackson reads without the element's deserializer. */
    private static final class Array extends DelegatingDeserializer {

        private final Class<?> component;

        Array(JsonDeserializer<?> standard, Class<?> component) {
            super(standard);
            this.component = component;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Array(newDelegatee, component);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object array = _delegatee.deserialize(parser, context);
            int length = array == null ? 0 : java.lang.reflect.Array.getLength(array);
            for (int i = 0; i < length; i++) {
                Object element = java.lang.reflect.Array.get(array, i);
                if (!finite(element)) {
                    throw JsonMappingException.wrapWithPath(notFinite(parser, element, component), array, i);
                }
            }
            return array;
        }
    }
}
