package io.rita.types;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import com.fasterxml.jackson.databind.ser.impl.UnsupportedTypeSerializer;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks Jackson, without an instance, whether it can write and read a type: the fallback of the
 * registry's round-trip check for records whose constructor refuses sample values.
 *
 * <p>{@code ObjectMapper.canSerialize}/{@code canDeserialize} are deprecated and say yes to
 * almost anything (Jackson defers most errors to the first value), so this walks the type
 * itself: every record component and container element needs a serializer and a deserializer
 * that are not Jackson's "unsupported type" placeholders, and an abstract type needs type
 * information to be readable. Components carrying Jackson annotations are trusted as they are,
 * since the annotation may supply what the type lacks.
 */
final class JacksonTypeCheck {

    private final ObjectMapper mapper;
    private final DeserializationConfig config;
    private final DeserializationContext context;
    private final Set<JavaType> seen = new HashSet<>();

    private JacksonTypeCheck(ObjectMapper mapper) {
        this.mapper = mapper;
        this.config = mapper.getDeserializationConfig();
        this.context = ((DefaultDeserializationContext) mapper.getDeserializationContext()).createDummyInstance(config);
    }

    /** Why Jackson cannot handle {@code type} through {@code mapper}, or empty when it can. */
    static Optional<String> problemWith(ObjectMapper mapper, Class<?> type) {
        return new JacksonTypeCheck(mapper).check(mapper.constructType(type), type.getName());
    }

    private Optional<String> check(JavaType type, String where) {
        if (!seen.add(type)) {
            return Optional.empty();
        }
        Optional<String> own = checkOwn(type, where);
        if (own.isPresent()) {
            return own;
        }
        if (type.isContainerType() || type.isReferenceType()) {
            if (type.getKeyType() != null) {
                Optional<String> key = check(type.getKeyType(), where + " (key)");
                if (key.isPresent()) {
                    return key;
                }
            }
            return check(type.getContentType(), where + " (element)");
        }
        if (type.isRecordType()) {
            for (RecordComponent component : type.getRawClass().getRecordComponents()) {
                if (hasJacksonAnnotation(component)) {
                    continue;
                }
                JavaType componentType = mapper.getTypeFactory().constructType(component.getGenericType());
                Optional<String> problem = check(componentType, where + "." + component.getName());
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkOwn(JavaType type, String where) {
        try {
            JsonSerializer<Object> serializer = mapper.getSerializerProviderInstance().findValueSerializer(type);
            if (serializer instanceof UnsupportedTypeSerializer) {
                return Optional.of(where + ": Jackson cannot write " + type.toCanonical()
                        + " (it needs a module this mapper does not have)");
            }
            JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(type);
            if (deserializer instanceof UnsupportedTypeDeserializer) {
                return Optional.of(where + ": Jackson cannot read " + type.toCanonical()
                        + " (it needs a module this mapper does not have)");
            }
            if (deserializer instanceof AbstractDeserializer && type.isAbstract()
                    && context.getFactory().findTypeDeserializer(config, type) == null) {
                return Optional.of(where + ": Jackson cannot read the abstract type " + type.toCanonical()
                        + " without type information (@JsonTypeInfo) or a concrete type");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(where + ": " + e.getMessage());
        }
    }

    private static boolean hasJacksonAnnotation(RecordComponent component) {
        // Jackson annotations on a component land on its field, accessor and constructor parameter
        List<AnnotatedElement> carriers = new ArrayList<>(List.of(component, component.getAccessor()));
        try {
            carriers.add(component.getDeclaringRecord().getDeclaredField(component.getName()));
        } catch (NoSuchFieldException e) {
            // every record component has its field; nothing more to look at if not
        }
        return carriers.stream()
                .flatMap(carrier -> Arrays.stream(carrier.getAnnotations()))
                .anyMatch(a -> a.annotationType().getPackageName().startsWith("com.fasterxml.jackson"));
    }
}
