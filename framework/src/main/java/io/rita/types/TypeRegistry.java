package io.rita.types;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Maps event type names to Java types and codecs, so that the event store encodes and
 * decodes event data transparently.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.builder()
 *     .add("funds-deposited", FundsDeposited.class)              // json codec
 *     .add("photo-uploaded", byte[].class, Codec.binary())
 *     .build();
 * TypeRegistry scanned = TypeRegistry.scan("io.rita.kmm.domain"); // @EventType records
 *
 * TypeRegistry evolved = TypeRegistry.builder()
 *     .scan("io.rita.kmm.domain")
 *     .alias("money-added", "funds-deposited")                     // an old name, still read
 *     .upcast("funds-deposited", 1, json -> json.set("Amount", json.remove("Value")))
 *     .build();                                                    // funds-deposited is now version 2
 * }</pre>
 *
 * <p><b>Schema evolution.</b> An event type has a version: 1, plus one per upcaster. Appends
 * write the current version ({@code rita-version}, absent for version 1, so that a type that never
 * changed is written exactly as Go Rita writes it). A loaded event stored at an older version goes
 * through the type's upcasters, one per version step, on its JSON, and decodes into the
 * current record; stored events are never rewritten. An event stored under an old name
 * ({@link Builder#alias}) decodes into the current record too, and is reported under the current
 * name; appends always write the current name.
 *
 * <p>{@link #raw()} is the registry for programs that handle bytes themselves: it knows no
 * types, stores {@code byte[]} data under the type name each event gives, and loads every
 * event's data as the stored bytes.
 *
 * <p>A registry is built once and validated then: a name that does not match
 * {@code ^[\w-]+(\.[\w-]+)*$}, a name or Java type registered twice, a type whose sample
 * value does not survive an encode/decode round trip through its codec, an old name that points
 * nowhere, or a chain of upcasters with a step missing is refused with
 * an {@link IllegalArgumentException} that names the entry and what to change. It is immutable
 * and thread-safe.
 */
public final class TypeRegistry {

    /** The {@code rita-type} name pattern, shared with Rita for Go. */
    static final Pattern NAME = Pattern.compile("^[\\w-]+(\\.[\\w-]+)*$");

    private static final TypeRegistry RAW = new TypeRegistry(Map.of(), Map.of(), Map.of(), Codec.json(), true);

    private final Map<String, Registration> byName;
    private final Map<Class<?>, Registration> byType;
    /** By old name (alias): what events stored under a name the type no longer has decode as. */
    private final Map<String, Registration> byOldName;
    private final Codec json;
    private final boolean raw;

    private TypeRegistry(Map<String, Registration> byName, Map<Class<?>, Registration> byType,
                         Map<String, Registration> byOldName, Codec json, boolean raw) {
        // unmodifiable views of maps nobody else holds: immutable, and names() keeps the order of registration
        this.byName = Collections.unmodifiableMap(byName);
        this.byType = Collections.unmodifiableMap(byType);
        this.byOldName = Collections.unmodifiableMap(byOldName);
        this.json = json;
        this.raw = raw;
    }

    /**
     * The registry of raw bytes: events are appended as {@code Event.of(typeName, bytes)} and
     * stored with the {@code binary} codec; every loaded event's data is its stored bytes,
     * whatever its type. The default of {@code RitaOptions.defaults()}.
     */
    public static TypeRegistry raw() {
        return RAW;
    }

    /** Starts a registry; add types, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A registry of the given names to record types, all with the JSON codec. */
    public static TypeRegistry of(Map<String, Class<?>> types) {
        if (types == null) {
            throw new IllegalArgumentException("no map of types given; pass a map of names to record classes");
        }
        Builder builder = builder();
        types.forEach(builder::add);
        return builder.build();
    }

    /** A registry of every record annotated with {@link EventType} in the given packages (JSON codec). */
    public static TypeRegistry scan(String... packages) {
        return builder().scan(packages).build();
    }

    /** The registered (current) name of a Java type, if any. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(byType.get(type)).map(Registration::name);
    }

    /** The Java type registered under a name or an old name, if any. */
    public Optional<Class<?>> typeOf(String name) {
        return Optional.ofNullable(lookup(name)).map(Registration::type);
    }

    /**
     * The registry's JSON codec: the one {@code add(name, type)} and scanning register types with
     * ({@link Builder#json(Codec)}, {@link Codec#json()} unless set). What other data that travels
     * with the events (snapshots of state, projections' views) is encoded with by default, so
     * that a read model speaks the same JSON as the events it is made of.
     */
    public Codec json() {
        return json;
    }

    /** The codec registered for a name or an old name, if any. */
    public Optional<Codec> codecOf(String name) {
        return Optional.ofNullable(lookup(name)).map(Registration::codec);
    }

    /** All registered (current) names, in the order they were added; old names are not among them. */
    public Set<String> names() {
        return byName.keySet();
    }

    private Registration lookup(String name) {
        if (name == null) {
            return null;
        }
        Registration registration = byName.get(name);
        return registration != null ? registration : byOldName.get(name);
    }

    /**
     * Encodes event data under its type's current name and version. The type is taken from
     * {@code type} when given (it must then be registered, under its name or an old name, and match
     * the data's class), else looked up by the data's class.
     *
     * @throws IllegalArgumentException when the type is unknown or does not fit the data
     * @throws CodecException when encoding fails
     */
    public Encoded encode(String type, Object data) {
        if (raw) {
            return encodeRaw(type, data);
        }
        Registration registration = type == null ? registrationOf(data) : registrationOf(type, data);
        return new Encoded(registration.name(), registration.version(), registration.codec().name(),
                registration.codec().encode(data));
    }

    private static Encoded encodeRaw(String type, Object data) {
        if (type == null) {
            throw new IllegalArgumentException("an event needs a type name with the raw registry: Event.of(name,"
                    + " bytes), or configure a TypeRegistry that knows the data's class");
        }
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("event type '" + type + "' must match ^[\\w-]+(\\.[\\w-]+)*$");
        }
        if (!(data instanceof byte[] bytes)) {
            throw new IllegalArgumentException("the raw registry stores byte[] data, was "
                    + (data == null ? "null" : data.getClass().getName()) + "; configure a TypeRegistry for records");
        }
        return new Encoded(type, 1, BinaryCodec.NAME, bytes);
    }

    private Registration registrationOf(Object data) {
        if (data == null) {
            throw new IllegalArgumentException("event data is null; give a registered value, or a type name and bytes");
        }
        Registration registration = byType.get(data.getClass());
        if (registration == null) {
            throw new IllegalArgumentException("no event type registered for class " + data.getClass().getTypeName()
                    + "; annotate it with @EventType or add it to the registry");
        }
        return registration;
    }

    private Registration registrationOf(String type, Object data) {
        Registration registration = lookup(type);
        if (registration == null) {
            throw new IllegalArgumentException("event type '" + type + "' is not registered; register it, or"
                    + " leave the type out to have it found by the data's class");
        }
        if (!registration.type().isInstance(data)) {
            throw new IllegalArgumentException(registration.describe() + " does not take data of "
                    + (data == null ? "null" : "class " + data.getClass().getTypeName())
                    + "; pass a " + registration.type().getTypeName() + " or the type name registered for the data");
        }
        return registration;
    }

    /**
     * Decodes data stored under {@code type} (a name or an old name) at {@code version} with the codec
     * named {@code codec}: {@code json} and {@code binary} are always understood, whatever codec the
     * type is registered with (a Go program may have written the event), and a missing codec name
     * means the registered one. Data of an older version goes through the type's upcasters first; data
     * of the current version is decoded directly.
     *
     * @param version the stored version ({@code rita-version}; 1 when absent)
     * @return the decoded value, or {@link Optional#empty()} when {@code type} is not registered
     * @throws CodecException when the bytes cannot be decoded, the codec name is unknown, the version is
     *                        newer than the type's current one, or an upcaster fails
     */
    public Optional<Object> decode(String type, String codec, int version, byte[] data) {
        if (raw) {
            return Optional.of(data);
        }
        Registration registration = lookup(type);
        if (registration == null) {
            return Optional.empty();
        }
        Codec decoder = codecFor(registration, codec);
        if (version == registration.version()) {
            return Optional.of(decoder.decode(data, registration.type()));
        }
        return Optional.of(decoder.decode(Upcasting.upcast(registration, decoder.name(), version, data),
                registration.type()));
    }

    private Codec codecFor(Registration registration, String codec) {
        if (codec == null || codec.isEmpty() || codec.equals(registration.codec().name())) {
            return registration.codec();
        }
        if (codec.equals(JsonCodec.NAME)) {
            return json;
        }
        if (codec.equals(BinaryCodec.NAME)) {
            return Codec.binary();
        }
        throw new CodecException(codec, registration.type(), "unknown codec '" + codec + "' for "
                + registration.describe() + "; this registry decodes json, binary and "
                + registration.codec().name(), null);
    }

    @Override
    public String toString() {
        return raw ? "TypeRegistry.raw()" : "TypeRegistry" + byName.keySet();
    }

    /**
     * Collects types for a {@link TypeRegistry}. Not thread-safe. Names, duplicates and round
     * trips are checked by {@link #build()} (so the JSON codec may be set after additions), which
     * may be called again after more additions.
     */
    public static final class Builder {

        /** In order of addition; a {@code null} codec stands for the JSON codec known at build time. */
        private final List<Registration> added = new ArrayList<>();
        private final TypeHistory history = new TypeHistory();
        private Codec json = Codec.json();

        private Builder() {
        }

        /** Registers a type with the JSON codec (the one set by {@link #json(Codec)} at build time). */
        public Builder add(String name, Class<?> type) {
            added.add(new Registration(name, type, null));
            return this;
        }

        /**
         * Registers a type with a codec.
         *
         * @throws IllegalArgumentException when the codec is missing
         */
        public Builder add(String name, Class<?> type, Codec codec) {
            if (codec == null) {
                throw new IllegalArgumentException("event type '" + name + "' is added without a codec;"
                        + " give one, or use add(name, type) for the JSON codec");
            }
            added.add(new Registration(name, type, codec));
            return this;
        }

        /**
         * Adds every {@link EventType}-annotated record found in the packages (and their
         * sub-packages) with the JSON codec. The classpath is scanned now.
         *
         * @throws IllegalArgumentException when no package is given, nothing is found, or an
         *                                  annotated class is not a record
         */
        public Builder scan(String... packages) {
            for (TypeScanner.Found found : TypeScanner.scan(packages)) {
                add(found.name(), found.type());
            }
            return this;
        }

        /**
         * Keeps an old name of a renamed type readable: events stored under {@code oldName} decode into
         * the type registered as {@code currentName}, through the same upcasters (versions count on
         * across the rename). Appends write the current name. Checked by {@link #build()}.
         *
         * <pre>{@code
         * builder.add("funds-deposited", FundsDeposited.class).alias("money-added", "funds-deposited");
         * }</pre>
         */
        public Builder alias(String oldName, String currentName) {
            history.alias(oldName, currentName);
            return this;
        }

        /**
         * Registers the step that turns the JSON of {@code name}'s events stored at
         * {@code fromVersion} into that of version {@code fromVersion + 1}. The type's current
         * version is one more than its last step; {@link #build()} refuses a chain with a step
         * missing, a step given twice, or steps for a type that is not JSON.
         *
         * <pre>{@code
         * builder.add("funds-deposited", FundsDeposited.class)                     // now at version 3
         *        .upcast("funds-deposited", 1, json -> json.put("Currency", "EUR"))
         *        .upcast("funds-deposited", 2, json -> json.set("Amount", json.remove("Value")));
         * }</pre>
         *
         * <p>The upcaster gets the event's stored JSON, as its writer named the fields (Go Rita's
         * events included), parsed for this call only: change it and return it, or return a new
         * object, never {@code null}. It should be a pure function of its input; it runs on every
         * load of an old event, and whatever it throws fails the load with an
         * {@link io.rita.eventstore.EventDecodingException} that names the event's type, version,
         * subject and sequence. Stored events are never rewritten.
         *
         * @param upcaster the event's JSON at {@code fromVersion} to its JSON at the next version
         */
        public Builder upcast(String name, int fromVersion, UnaryOperator<ObjectNode> upcaster) {
            history.upcast(name, fromVersion, upcaster);
            return this;
        }

        /**
         * Sets the JSON codec used by {@link #add(String, Class)} and scanning (default
         * {@link Codec#json()}), and for data whose {@code rita-codec} is {@code json}.
         *
         * @throws IllegalArgumentException when the codec is missing or not named {@code json}
         */
        public Builder json(Codec json) {
            if (json == null || !JsonCodec.NAME.equals(json.name())) {
                throw new IllegalArgumentException("the JSON codec must be named 'json' (it is what rita-codec"
                        + " says), not " + (json == null ? "null" : "'" + json.name() + "'")
                        + "; register other codecs with add(name, type, codec)");
            }
            this.json = json;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException on a bad name, a duplicate, a failed round trip, an old name that
         *                                  points nowhere, or upcasters with a step missing
         */
        public TypeRegistry build() {
            Map<String, Registration> checked = Registration.index(added, json);
            checked.values().forEach(RoundTrip::check);
            Map<String, Registration> byName = history.withUpcasters(checked);
            Map<Class<?>, Registration> byType = new LinkedHashMap<>();
            byName.values().forEach(registration -> byType.put(registration.type(), registration));
            return new TypeRegistry(byName, byType, history.aliases(byName), json, false);
        }
    }
}
