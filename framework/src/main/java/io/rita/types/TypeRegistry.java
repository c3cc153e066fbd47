package io.rita.types;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps event type names to Java types and codecs, so that the event store encodes and
 * decodes event data transparently.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.builder()
 *     .add("funds-deposited", FundsDeposited.class)              // json codec
 *     .add("photo-uploaded", byte[].class, Codecs.binary())
 *     .build();
 * TypeRegistry scanned = TypeRegistry.scan("io.rita.kmm.domain"); // @EventType records
 * }</pre>
 *
 * <p>A registry is built once and validated then: a name that does not match
 * {@code ^[\w-]+(\.[\w-]+)*$}, a name or Java type registered twice, or a type whose sample
 * value does not survive an encode/decode round trip through its codec is refused with
 * {@link TypeRegistryException}. It is immutable and thread-safe.
 */
public final class TypeRegistry {
    // implementation: see issue 2 (helper)

    /** Starts a registry; add types, then {@link Builder#build()}. */
    public static Builder builder() {
        throw new UnsupportedOperationException("todo");
    }

    /** A registry of the given names to record types, all with the JSON codec. */
    public static TypeRegistry of(Map<String, Class<?>> types) {
        throw new UnsupportedOperationException("todo");
    }

    /** A registry of every record annotated with {@link EventType} in the given packages (JSON codec). */
    public static TypeRegistry scan(String... packages) {
        throw new UnsupportedOperationException("todo");
    }

    /** The registered name of a Java type, if any. */
    public Optional<String> nameOf(Class<?> type) {
        throw new UnsupportedOperationException("todo");
    }

    /** The Java type registered under a name, if any. */
    public Optional<Class<?>> typeOf(String name) {
        throw new UnsupportedOperationException("todo");
    }

    /** All registered names. */
    public Set<String> names() {
        throw new UnsupportedOperationException("todo");
    }

    /**
     * Encodes event data. The type name is taken from {@code type} when given (it must then be
     * registered and match the data's class), else looked up by the data's class.
     *
     * @throws TypeRegistryException when the type is unknown or does not fit the data
     * @throws CodecException when encoding fails
     */
    public Encoded encode(String type, Object data) {
        throw new UnsupportedOperationException("todo");
    }

    /**
     * Decodes data stored under {@code type} with the codec named {@code codec}.
     *
     * @return the decoded value, or {@link Optional#empty()} when {@code type} is not registered
     * @throws CodecException when the bytes cannot be decoded
     */
    public Optional<Object> decode(String type, String codec, byte[] data) {
        throw new UnsupportedOperationException("todo");
    }

    /** Collects types for a {@link TypeRegistry}. */
    public static final class Builder {
        /** Registers a type with the JSON codec. */
        public Builder add(String name, Class<?> type) {
            throw new UnsupportedOperationException("todo");
        }

        /** Registers a type with a codec. */
        public Builder add(String name, Class<?> type, Codec codec) {
            throw new UnsupportedOperationException("todo");
        }

        /** Adds every {@link EventType}-annotated record found in the packages. */
        public Builder scan(String... packages) {
            throw new UnsupportedOperationException("todo");
        }

        /** Sets the JSON codec used by {@link #add(String, Class)} and scanning (default {@link Codecs#json()}). */
        public Builder json(Codec json) {
            throw new UnsupportedOperationException("todo");
        }

        /**
         * Validates and builds.
         *
         * @throws TypeRegistryException on a bad name, a duplicate, or a failed round trip
         */
        public TypeRegistry build() {
            throw new UnsupportedOperationException("todo");
        }
    }
}
