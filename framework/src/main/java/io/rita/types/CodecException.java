package io.rita.types;

/** Event data could not be encoded or decoded; carries the codec name and the Java type. */
public class CodecException extends RuntimeException {

    private final String codec;
    private final Class<?> type;

    public CodecException(String codec, Class<?> type, String message, Throwable cause) {
        super(codec + " codec cannot handle " + (type == null ? "value" : type.getName()) + ": " + message, cause);
        this.codec = codec;
        this.type = type;
    }

    /** The codec's name, e.g. {@code json}. */
    public String codec() {
        return codec;
    }

    /** The Java type that was being encoded or decoded. */
    public Class<?> type() {
        return type;
    }
}
