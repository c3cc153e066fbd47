package io.rita.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rita.internal.Shown;

import java.io.IOException;
import java.util.stream.Collectors;

/** Reads request bodies and writes reply bodies as JSON, with error messages fit for a caller. */
final class JsonBodies {

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private JsonBodies() {
    }

    /**
     * The default mapper: java.time as ISO-8601, and strict about what a caller sends (a missing
     * field, a null for a primitive, an unknown property, trailing garbage, a number with a
     * decimal point for a whole number, or a scalar of another JSON type, such as {@code 7} for a
     * string or {@code "true"} for a boolean, is refused), because a command that is silently
     * half-read is worse than one that is refused.
     */
    static ObjectMapper defaultMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 1.5 for an int would be stored as 1, without a word
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // 0 for an enum would be its first constant
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // 7 for a char would be U+0007
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // A JSON type is what the caller meant: Go's encoding/json, on the other side of this
        // wire, refuses 7 for a string and "7" for a number too, so both sides read a body alike;
        // and "" for a number or boolean would be read as null, a field sent but lost
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // Jackson reads "NaN", "Infinity" and 1e999 into a double as if they were numbers
        mapper.registerModule(new SimpleModule("rita-finite-numbers").setDeserializerModifier(new FiniteNumbers()));
        return mapper;
    }

    /**
     * Reads a JSON body into {@code type}; an empty body reads as {@code {}}, so that a command
     * without fields needs no body.
     *
     * @throws BadRequestException when the body does not describe a {@code type}, saying what is wrong and where
     */
    static <C> C read(ObjectMapper mapper, Class<C> type, byte[] body) {
        byte[] json = body.length == 0 ? EMPTY_OBJECT : body;
        C command;
        try {
            command = mapper.readValue(json, type);
        } catch (IOException e) {
            // Jackson names the Java type it could not make of an array or a number: the caller
            // sent something other than an object, which is all it needs to hear
            String other = e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()
                    && takesObject(type) ? notAnObject(json) : null;
            throw new BadRequestException(other == null ? describe(e) : expectedObject(other));
        }
        if (command == null) {
            throw new BadRequestException(expectedObject("null"));
        }
        return command;
    }

    private static String expectedObject(String was) {
        return "bad request body: expected a JSON object, was " + was;
    }

    /** Whether {@code type} is read from a JSON object: a record or class of the caller's, not a JDK value type. */
    private static boolean takesObject(Class<?> type) {
        String kind = jsonKind(type);
        return kind != null ? kind.equals("an object") : !type.getName().startsWith("java.");
    }

    /** What a JSON text is, by its first character, when it is not an object; {@code null} for an object. */
    private static String notAnObject(byte[] json) {
        for (byte b : json) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return switch (b) {
                case '{' -> null;
                case '[' -> "an array";
                case '"' -> "a string";
                case 't', 'f' -> "a boolean";
                default -> "a number"; // null reads as a null command, told by read itself
            };
        }
        return null;
    }

    /**
     * Encodes a reply: {@code null} is empty, {@code byte[]} as is, anything else as JSON.
     *
     * @throws IllegalStateException when the value cannot be written as JSON (a fault of the route)
     */
    static byte[] encode(ObjectMapper mapper, Object value) {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reply of type " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** A message for a caller: what is wrong and where, without Jackson's source excerpts. */
    static String describe(IOException e) {
        if (e instanceof JsonParseException parse) {
            return "malformed JSON in request body: " + withoutSetting(parse.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "bad request body: unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            Throwable cause = invalid.getCause();
            return "bad request body: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        }
        if (e instanceof JsonMappingException mapping) {
            String original = mapping.getOriginalMessage();
            if (original.startsWith("Trailing token")) {
                return "malformed JSON in request body: more after the end of the JSON value";
            }
            String field = lastField(mapping);
            if (field != null && (original.startsWith("Cannot map `null`")
                    || original.startsWith("Null value for creator property")
                    || original.startsWith("Missing creator property"))) {
                return "bad request body: field '" + field + "' is missing or null";
            }
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            java.util.regex.Matcher range = OUT_OF_RANGE.matcher(original);
            if (range.find() && !path.isEmpty()) {
                return "bad request body: field '" + path + "' must be a whole number from " + range.group(2) + " to "
                        + range.group(3) + ", was " + Shown.shortened(range.group(1));
            }
            String expected = mapping instanceof MismatchedInputException mismatch && !path.isEmpty()
                    ? jsonKind(mismatch.getTargetType()) : null;
            if (expected != null) {
                // Jackson's words name the Java type; the caller needs the JSON one
                return "bad request body: field '" + path + "' must be " + expected + was(mapping);
            }
            return "bad request body: " + withoutHints(original) + (path.isEmpty() ? "" : " (at " + path + ")");
        }
        if (e instanceof JacksonException jackson) {
            return "bad request body: " + withoutSetting(jackson.getOriginalMessage());
        }
        return "bad request body: cannot be read";
    }

    /** Jackson's words for a whole number too large for its field: the value, then the type's bounds. */
    private static final java.util.regex.Pattern OUT_OF_RANGE =
            java.util.regex.Pattern.compile("^Numeric value \\((.*)\\) out of range of \\w+ \\((-?\\d+) - (-?\\d+)\\)");

    /** Where Jackson names its input source: only the line and column mean something to a caller. */
    private static final java.util.regex.Pattern SOURCE =
            java.util.regex.Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    /** Jackson's words for a scalar of another JSON type, with the value as the caller wrote it. */
    private static final java.util.regex.Pattern COERCION =
            java.util.regex.Pattern.compile("^Cannot coerce \\w+ value \\((.*)\\) to ");

    /** {@code , was "yes"} or {@code , was 7}: the value the caller sent instead, where Jackson kept it. */
    private static String was(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            return ", was " + Shown.shortened(value instanceof String text ? "\"" + text + "\"" : String.valueOf(value));
        }
        java.util.regex.Matcher coercion = COERCION.matcher(mapping.getOriginalMessage());
        return coercion.find() ? ", was " + Shown.shortened(coercion.group(1)) : "";
    }

    /** What JSON a field of {@code type} takes, where that is plain; {@code null} where Jackson's own words say more. */
    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            // the names Jackson reads by default (a toString of its own, or @JsonProperty, says more)
            return java.util.Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", ", "one of [", "]"));
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || (type.isRecord() && !readFromValue(type))) {
            return "an object";
        }
        return null;
    }

    /** Whether a record is read from a single value ({@code @JsonValue}, or a delegating {@code @JsonCreator}). */
    private static boolean readFromValue(Class<?> type) {
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class)) {
                return true;
            }
        }
        for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
            com.fasterxml.jackson.annotation.JsonCreator creator =
                    constructor.getAnnotation(com.fasterxml.jackson.annotation.JsonCreator.class);
            if (creator != null && creator.mode() == com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING) {
                return true;
            }
        }
        return false;
    }

    private static String lastField(JsonMappingException e) {
        var path = e.getPath();
        if (path.isEmpty()) {
            // a missing creator property names itself in the message, not in the path
            String message = e.getOriginalMessage();
            int start = message.indexOf('\'');
            int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
            return end < 0 ? null : message.substring(start + 1, end);
        }
        return path.getLast().getFieldName();
    }

    /** Jackson's limits name the setting that holds them ("..., from `StreamReadConstraints...`"): the author's business. */
    static String withoutSetting(String message) {
        return message == null ? "cannot be read"
                : SOURCE.matcher(message.replaceAll(", from `[^`]*`", "")).replaceAll("line $1, column $2");
    }

    /** Jackson's advice on which feature to switch is for the service's author, not its caller. */
    private static String withoutHints(String message) {
        int hint = message.indexOf(" (set DeserializationConfig");
        if (hint < 0) {
            hint = message.indexOf("; `DeserializationFeature");
        }
        return hint < 0 ? message : message.substring(0, hint);
    }
}
