package io.rita.types;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One entry of a {@link TypeRegistry}: an event type name, its Java type, its codec, and the
 * upcasters that bring older stored versions of it up to date ({@code upcasters.get(0)} turns
 * version 1 into version 2, and so on).
 */
record Registration(String name, Class<?> type, Codec codec, List<UnaryOperator<ObjectNode>> upcasters) {

    Registration {
        upcasters = List.copyOf(upcasters);
    }

    /** An entry without upcasters (its current version is 1). */
    Registration(String name, Class<?> type, Codec codec) {
        this(name, type, codec, List.of());
    }

    /**
     * The entries added to a builder, by name in the order of addition, each with its codec ({@code json}
     * for those added without one) and checked on its own and against the others.
     *
     * @throws IllegalArgumentException on a bad entry, a name registered twice, or a Java type under two names
     */
    static Map<String, Registration> index(List<Registration> added, Codec json) {
        Map<String, Registration> byName = new LinkedHashMap<>();
        Map<Class<?>, Registration> byType = new LinkedHashMap<>();
        for (Registration pending : added) {
            Registration registration = new Registration(pending.name(), pending.type(),
                    pending.codec() == null ? json : pending.codec());
            registration.checkShape();
            Registration sameName = byName.putIfAbsent(registration.name(), registration);
            if (sameName != null) {
                throw new IllegalArgumentException("event type name '" + registration.name()
                        + "' is registered twice, for " + sameName.type().getTypeName() + " and "
                        + registration.type().getTypeName() + "; give each event type its own name");
            }
            Registration sameType = byType.putIfAbsent(registration.type(), registration);
            if (sameType != null) {
                throw new IllegalArgumentException(registration.type().getTypeName()
                        + " is registered under two names, '" + sameType.name() + "' and '" + registration.name()
                        + "'; a Java type has one event type name (encode finds it by the data's class),"
                        + " so remove one, or make a record per event type");
            }
        }
        return byName;
    }

    /** The version appends write: one more than the number of upcasting steps. */
    int version() {
        return upcasters.size() + 1;
    }

    /** How messages name this entry: {@code event type 'funds-deposited' (com.example.FundsDeposited)}. */
    String describe() {
        return "event type '" + name + "' (" + (type == null ? "no Java type" : type.getTypeName()) + ")";
    }

    /**
     * Checks what can be checked of this entry on its own: the name, the type, and the binary
     * codec's restriction to {@code byte[]}.
     *
     * @throws IllegalArgumentException naming the entry and what to change
     */
    void checkShape() {
        if (name == null || !TypeRegistry.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad event type name " + (name == null ? "null" : "'" + name + "'")
                    + (type == null ? "" : " for " + type.getTypeName())
                    + ": a name is letters, digits, '_' and '-', in dot-separated parts (^[\\w-]+(\\.[\\w-]+)*$),"
                    + " e.g. 'funds-deposited' or 'com.example.order-shipped'");
        }
        if (type == null) {
            throw new IllegalArgumentException(describe() + " has no Java type; give the record class");
        }
        if (type.isPrimitive()) {
            throw new IllegalArgumentException(describe() + " is a primitive type, which data can never be"
                    + " an instance of; register a record instead");
        }
        if (codec instanceof BinaryCodec && type != byte[].class) {
            throw new IllegalArgumentException(describe() + " uses the binary codec, which only takes byte[];"
                    + " register it as byte[].class, or use the json codec");
        }
    }
}
