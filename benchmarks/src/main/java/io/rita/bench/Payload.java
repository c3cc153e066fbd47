package io.rita.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.eventstore.Event;
import io.rita.eventstore.RitaOptions;
import io.rita.types.Codec;
import io.rita.types.TypeRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the events carry, the same for Rita and for raw jnats: bytes stored as they are
 * ({@code binary}, no type registry) or a record encoded with Jackson ({@code json}, through
 * a {@link TypeRegistry} for Rita, through one shared {@link ObjectMapper} for raw jnats, configured
 * like Rita's JSON codec so that both do the same work).
 *
 * <pre>{@code
 * Payload payload = Payload.named("json");
 * RitaOptions options = payload.ritaOptions();
 * byte[] data = payload.encode();           // what a raw jnats writer publishes
 * }</pre>
 */
public enum Payload {

    /** 120 raw bytes, codec {@code binary}, no registry. */
    BINARY("binary"),
    /** A {@link FundsDeposited} record, codec {@code json}, with a registry. */
    JSON("json");

    /** The event type name used by every benchmark. */
    public static final String TYPE = "funds-deposited";

    private static final ObjectMapper MAPPER = Codec.jsonMapper();
    private static final FundsDeposited RECORD = FundsDeposited.sample();
    private static final byte[] BYTES = bytesOfLength(120);

    private final String codec;

    Payload(String codec) {
        this.codec = codec;
    }

    /**
     * The payload of that codec name ({@code binary} or {@code json}), as given in a JMH {@code @Param}.
     *
     * @throws IllegalArgumentException for another name
     */
    public static Payload named(String codec) {
        for (Payload payload : values()) {
            if (payload.codec.equals(codec)) {
                return payload;
            }
        }
        throw new IllegalArgumentException("payload must be 'binary' or 'json', was '" + codec + "'");
    }

    /** The codec name, as in the {@code rita-codec} header. */
    public String codec() {
        return codec;
    }

    /** Rita's options for this payload: a registry for JSON, none for binary. */
    public RitaOptions ritaOptions() {
        return switch (this) {
            case BINARY -> RitaOptions.defaults();
            case JSON -> RitaOptions.defaults().withTypes(TypeRegistry.of(Map.of(TYPE, FundsDeposited.class)));
        };
    }

    /** The event Rita appends; id and time are left to the store, so one instance serves every append. */
    public Event event() {
        return switch (this) {
            case BINARY -> Event.of(TYPE, BYTES);
            case JSON -> Event.of(RECORD);
        };
    }

    /** The data a raw jnats writer publishes, encoded anew each time as Rita does. */
    public byte[] encode() {
        return switch (this) {
            case BINARY -> BYTES;
            case JSON -> {
                try {
                    yield MAPPER.writeValueAsBytes(RECORD);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** The data as a raw jnats reader gets it back. */
    public Object decode(byte[] data) {
        return switch (this) {
            case BINARY -> data;
            case JSON -> {
                try {
                    yield MAPPER.readValue(data, FundsDeposited.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static byte[] bytesOfLength(int length) {
        byte[] text = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = text[i % text.length];
        }
        return bytes;
    }
}
