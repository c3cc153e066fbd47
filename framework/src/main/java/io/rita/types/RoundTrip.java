package io.rita.types;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The check a {@link TypeRegistry} runs on each type when it is built: a sample value must come
 * back equal after encoding and decoding with the type's codec. It catches, at start-up rather
 * than on the first event, a field the codec cannot write or read or silently changes.
 */
final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * Checks one registration.
     *
     * @throws IllegalArgumentException when the sample does not survive, or when no sample can be
     *                                  made and Jackson says it cannot handle the type
     */
    static void check(Registration registration) {
        Object sample;
        try {
            sample = SampleValues.of(registration.type());
        } catch (SampleValues.Unavailable noSample) {
            checkWithoutSample(registration, noSample);
            return;
        }
        Codec codec = registration.codec();
        byte[] bytes;
        try {
            bytes = codec.encode(sample);
        } catch (RuntimeException e) {
            throw refused(registration, "a sample value cannot be encoded: " + e.getMessage(), e);
        }
        Object decoded;
        try {
            decoded = codec.decode(bytes, registration.type());
        } catch (RuntimeException e) {
            throw refused(registration, "its encoded sample value cannot be decoded: " + e.getMessage(), e);
        }
        boolean same;
        try {
            same = same(sample, decoded);
        } catch (RuntimeException e) {
            throw refused(registration, "its decoded sample value cannot be compared: " + e.getMessage(), e);
        }
        if (!same) {
            throw refused(registration, "a sample value changed in the round trip: wrote " + show(sample)
                    + ", read back " + show(decoded), null);
        }
    }

    /**
     * A constructor that validates its arguments may refuse our samples; the type can still be
     * fine, so ask Jackson instead. Other codecs cannot be asked, so they are trusted.
     */
    private static void checkWithoutSample(Registration registration, SampleValues.Unavailable noSample) {
        if (!(registration.codec() instanceof JsonCodec json)) {
            return;
        }
        Optional<String> problem = JacksonTypeCheck.problemWith(json.mapper(), registration.type());
        if (problem.isPresent()) {
            IllegalArgumentException refusal = refused(registration, problem.get(), null);
            refusal.addSuppressed(noSample);
            throw refusal;
        }
    }

    private static IllegalArgumentException refused(Registration registration, String problem, Throwable cause) {
        return new IllegalArgumentException(registration.describe()
                + " does not survive an encode/decode round trip with the " + registration.codec().name()
                + " codec: " + problem + "; change the type so that the codec can write and read it back"
                + " (for json: a Jackson module or annotation), or register it with a codec that can", cause);
    }

    /**
     * Equality for the round trip: records are compared component by component and arrays
     * element by element, because a record's own equals compares array components by identity.
     */
    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.getClass().isArray() && b.getClass().isArray()) {
            int length = Array.getLength(a);
            if (length != Array.getLength(b)) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (!same(Array.get(a, i), Array.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Record && a.getClass() == b.getClass()) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                if (!same(read(component, a), read(component, b))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static Object read(RecordComponent component, Object record) {
        Method accessor = component.getAccessor();
        try {
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : Objects.toString(value);
    }
}
