package io.rita.types;

/**
 * The {@code binary} codec: the data is a {@code byte[]} and goes on the wire as is. It copies
 * nothing, because payloads may be large and the store never changes them.
 */
final class BinaryCodec implements Codec {

    static final String NAME = "binary";
    static final BinaryCodec INSTANCE = new BinaryCodec();

    private BinaryCodec() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] encode(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new CodecException(NAME, value == null ? null : value.getClass(),
                "the binary codec only takes byte[] data; use the json codec for other types", null);
    }

    @Override
    public <T> T decode(byte[] data, Class<T> type) {
        if (type != byte[].class) {
            throw new CodecException(NAME, type,
                    "the binary codec only decodes to byte[]; register the type as byte[].class", null);
        }
        if (data == null) {
            throw new CodecException(NAME, type, "no data", null);
        }
        return type.cast(data);
    }

    @Override
    public String toString() {
        return "Codec.binary()";
    }
}
