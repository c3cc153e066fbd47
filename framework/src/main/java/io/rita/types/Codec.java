package io.rita.types;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Objects;

/**
 * Turns event data into bytes and back; its {@link #name()} is stored in the
 * {@code rita-codec} header so a reader knows how to decode.
 *
 * <p>Built-in: {@link #json()} (Jackson, name {@code json}) and {@link #binary()} (raw
 * {@code byte[]}, name {@code binary}); both throw {@link CodecException} (with the codec name,
 * the Java type and the cause) when a value cannot be encoded or bytes cannot be decoded.
 *
 * <pre>{@code
 * Codec json = Codec.json();                                    // records, java.time, BigDecimal
 * Codec goStyle = Codec.json(Codec.jsonMapper()
 *     .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE));
 * Codec raw = Codec.binary();                                   // byte[] as is
 * }</pre>
 */
public interface Codec {

    /** The name written to {@code rita-codec}, e.g. {@code "json"}. */
    String name();

    /**
     * Encodes a value.
     *
     * @throws CodecException when the value cannot be encoded
     */
    byte[] encode(Object value);

    /**
     * Decodes bytes into an instance of {@code type}.
     *
     * @throws CodecException when the bytes do not describe a {@code type}
     */
    <T> T decode(byte[] data, Class<T> type);

    /**
     * JSON through Jackson, configured as {@link #jsonMapper()} describes; name {@code json}.
     * The codec is shared and thread-safe.
     */
    static Codec json() {
        return JsonCodec.DEFAULT;
    }

    /**
     * JSON through the given mapper (e.g. with a naming strategy); name {@code json}.
     * The mapper is used as is, so start from {@link #jsonMapper()} to keep the defaults, and
     * do not reconfigure it afterwards: Jackson mappers are only thread-safe once configured.
     */
    static Codec json(ObjectMapper mapper) {
        return new JsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * A new mapper configured as {@link #json()} uses, to customise and pass to
     * {@link #json(ObjectMapper)}: java.time support with ISO-8601 text for dates and
     * durations (offsets kept as written, not moved to UTC), unknown properties ignored (so that
     * older readers accept newer events), and floating-point numbers read as exact
     * {@link java.math.BigDecimal}s.
     */
    static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /**
     * Raw bytes: the data is a {@code byte[]} and is stored as is (not copied); name
     * {@code binary}. Register such types as {@code byte[].class}.
     */
    static Codec binary() {
        return BinaryCodec.INSTANCE;
    }
}
