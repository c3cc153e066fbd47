package io.rita.types;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The built-in codecs. */
public final class Codecs {

    private Codecs() {
    }

    /** JSON through Jackson, with java.time support and ISO-8601 dates; name {@code json}. */
    public static Codec json() {
        throw new UnsupportedOperationException("todo");
    }

    /** JSON through the given mapper (e.g. with a naming strategy); name {@code json}. */
    public static Codec json(ObjectMapper mapper) {
        throw new UnsupportedOperationException("todo");
    }

    /** Raw bytes: the data is a {@code byte[]} and is stored as is; name {@code binary}. */
    public static Codec binary() {
        throw new UnsupportedOperationException("todo");
    }
}
