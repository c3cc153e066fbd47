package io.rita.types;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Makes a sample instance of a type, for the round trip a {@link TypeRegistry} checks when it is
 * built: records get their components filled recursively with fixed, non-default values, so
 * that a codec that drops or mangles a field is caught.
 */
final class SampleValues {

    /** Not midnight, not UTC and with nanoseconds: a codec that truncates or shifts shows it. */
    static final OffsetDateTime TIME = OffsetDateTime.of(2024, 5, 19, 7, 18, 12, 707985190, ZoneOffset.ofHours(-4));

    private static final Map<Class<?>, Object> FIXED = Map.ofEntries(
            Map.entry(String.class, "x"), Map.entry(CharSequence.class, "x"), Map.entry(Object.class, "x"),
            Map.entry(boolean.class, true), Map.entry(Boolean.class, true),
            Map.entry(char.class, 'x'), Map.entry(Character.class, 'x'),
            Map.entry(byte.class, (byte) 1), Map.entry(Byte.class, (byte) 1),
            Map.entry(short.class, (short) 1), Map.entry(Short.class, (short) 1),
            Map.entry(int.class, 1), Map.entry(Integer.class, 1),
            Map.entry(long.class, 1L), Map.entry(Long.class, 1L),
            Map.entry(float.class, 1f), Map.entry(Float.class, 1f),
            Map.entry(double.class, 1d), Map.entry(Double.class, 1d),
            Map.entry(BigInteger.class, BigInteger.ONE), Map.entry(BigDecimal.class, new BigDecimal("1.5")),
            Map.entry(byte[].class, new byte[] {1, 2}),
            Map.entry(UUID.class, UUID.fromString("6f1c2f4e-8f5a-4d3b-9c2a-1e2d3c4b5a69")),
            Map.entry(Instant.class, TIME.toInstant()),
            Map.entry(OffsetDateTime.class, TIME),
            Map.entry(ZonedDateTime.class, TIME.toZonedDateTime()),
            Map.entry(LocalDateTime.class, TIME.toLocalDateTime()),
            Map.entry(LocalDate.class, TIME.toLocalDate()),
            Map.entry(LocalTime.class, TIME.toLocalTime()),
            Map.entry(OffsetTime.class, TIME.toOffsetTime()),
            Map.entry(Year.class, Year.from(TIME)),
            Map.entry(YearMonth.class, YearMonth.from(TIME)),
            Map.entry(MonthDay.class, MonthDay.from(TIME)),
            Map.entry(Duration.class, Duration.ofSeconds(90, 5)),
            Map.entry(Period.class, Period.of(1, 2, 3)),
            Map.entry(ZoneOffset.class, TIME.getOffset()),
            Map.entry(ZoneId.class, ZoneId.of("Europe/Berlin")),
            Map.entry(Optional.class, Optional.empty()),
            Map.entry(OptionalInt.class, OptionalInt.empty()),
            Map.entry(OptionalLong.class, OptionalLong.empty()),
            Map.entry(OptionalDouble.class, OptionalDouble.empty()));

    private SampleValues() {
    }

    /** No sample can be made of a type; the message says why. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A sample instance of {@code type}.
     *
     * @throws Unavailable when the type is not one we know how to fill, or its constructor
     *                     refuses the sample values
     */
    static Object of(Class<?> type) {
        return of(type, new ArrayDeque<>());
    }

    private static Object of(Class<?> type, Deque<Class<?>> path) {
        Object fixed = FIXED.get(type);
        if (fixed != null) {
            // arrays are mutable: never hand out the shared one
            return fixed instanceof byte[] bytes ? bytes.clone() : fixed;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            if (constants.length == 0) {
                throw new Unavailable("enum " + type.getName() + " has no constants", null);
            }
            return constants[0];
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isRecord()) {
            return record(type, path);
        }
        if (type.isSealed()) {
            // a sealed event hierarchy: any permitted subtype stands for it
            return of(type.getPermittedSubclasses()[0], path);
        }
        Object empty = emptyContainer(type);
        if (empty != null) {
            return empty;
        }
        throw new Unavailable("no sample value for " + type.getName()
                + " (samples exist for records, enums, sealed types, strings, numbers, booleans,"
                + " java.time types, UUID, arrays, collections and Optional)", null);
    }

    private static Object emptyContainer(Class<?> type) {
        if (type == List.class || type == Collection.class || type == Iterable.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == SortedSet.class || type == NavigableSet.class) {
            return new TreeSet<>();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == SortedMap.class || type == NavigableMap.class) {
            return new TreeMap<>();
        }
        if ((Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
                && !type.isInterface()) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static Object record(Class<?> type, Deque<Class<?>> path) {
        if (path.contains(type)) {
            // a record that contains itself (a linked list, a tree): stop the recursion there
            return null;
        }
        path.push(type);
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = of(types[i], path);
            }
            return construct(type, types, values);
        } finally {
            path.pop();
        }
    }

    private static Object construct(Class<?> type, Class<?>[] types, Object[] values) {
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unavailable("cannot reach the canonical constructor of " + type.getName() + ": " + e, e);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new Unavailable(type.getName() + " refused the sample values: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unavailable("cannot construct " + type.getName() + ": " + e, e);
        }
    }
}
