package io.rita.types;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Brings the stored JSON of an older version of an event type up to its current version through
 * the type's upcasters. Only events whose stored version differs from the current one come
 * here: current events are decoded directly, at no extra cost.
 *
 * <p>The result goes back to bytes and through the type's own codec, so that whatever that codec
 * is configured with (naming strategy, custom deserializers) applies to old events too.
 */
final class Upcasting {

    /** Parses and writes the trees: numbers exact and as written (no binary floating point, zeros kept). */
    private static final ObjectMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Upcasting() {
    }

    /**
     * The JSON of an event stored at {@code version} with the codec named {@code codec}, at the
     * registration's current version.
     *
     * @throws CodecException when the version is newer than the current one or below 1, the data is
     *                        not a JSON object, or an upcaster fails or returns {@code null}
     */
    static byte[] upcast(Registration registration, String codec, int version, byte[] data) {
        int current = registration.version();
        if (version > current) {
            throw failure(registration, "it is stored at version " + version + ", newer than version " + current
                    + " that this program knows: a newer program wrote it; run that version here too", null);
        }
        if (version < 1) {
            throw failure(registration, "version " + version + " does not exist: versions start at 1", null);
        }
        if (!JsonCodec.NAME.equals(codec)) {
            throw failure(registration, "it is stored at version " + version + " with the " + codec
                    + " codec, but upcasters work on JSON", null);
        }
        JsonNode tree;
        try {
            tree = TREES.readTree(data);
        } catch (IOException e) {
            throw failure(registration, "its version " + version + " data is not valid JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw failure(registration, "its version " + version + " data is not a JSON object, which upcasters take", null);
        }
        for (int from = version; from < current; from++) {
            ObjectNode next;
            try {
                next = registration.upcasters().get(from - 1).apply(object);
            } catch (RuntimeException e) {
                throw failure(registration, "the upcaster from version " + from + " to " + (from + 1) + " failed: "
                        + e, e);
            }
            if (next == null) {
                throw failure(registration, "the upcaster from version " + from + " to " + (from + 1)
                        + " returned null; return the changed JSON object", null);
            }
            object = next;
        }
        try {
            return TREES.writeValueAsBytes(object);
        } catch (IOException e) {
            throw failure(registration, "the upcast JSON cannot be written: " + e.getMessage(), e);
        }
    }

    private static CodecException failure(Registration registration, String message, Throwable cause) {
        return new CodecException(JsonCodec.NAME, registration.type(), message, cause);
    }
}
