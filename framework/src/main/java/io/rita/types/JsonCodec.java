package io.rita.types;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The {@code json} codec: Jackson with a mapper chosen with {@link Codec#json(com.fasterxml.jackson.databind.ObjectMapper)}. */
final class JsonCodec implements Codec {

    static final String NAME = "json";
    /** The codec of {@link Codec#json()}: shared, so that Jackson caches its serializers once. */
    static final Codec DEFAULT = new JsonCodec(Codec.jsonMapper());

    private final ObjectMapper mapper;

    JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper, for checking at registry construction what Jackson can handle. */
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new CodecException(NAME, value == null ? null : value.getClass(), e.getMessage(), e);
        }
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (data == null) {
            throw new CodecException(NAME, type, "no data", null);
        }
        T value;
        try {
            value = mapper.readValue(data, type);
        } catch (IOException e) {
            throw new CodecException(NAME, type, e.getMessage(), e);
        }
        // Event data is never absent; a JSON null would surface later as a confusing NPE.
        if (value == null) {
            throw new CodecException(NAME, type, "the data is JSON null", null);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Codec.json(" + mapper.getClass().getSimpleName() + ")";
    }
}
