package io.rita.types;

/**
 * Turns event data into bytes and back; its {@link #name()} is stored in the
 * {@code rita-codec} header so a reader knows how to decode.
 *
 * <p>Built-in: {@link Codecs#json()} (Jackson, name {@code json}) and {@link Codecs#binary()}
 * (raw {@code byte[]}, name {@code binary}).
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
}
