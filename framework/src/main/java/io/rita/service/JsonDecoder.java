package io.rita.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rita.service.internal.JsonBodies;

import java.util.Objects;

/**
 * The default decoder of a {@link CommandRoute}: JSON into the command type. A dispatcher reads
 * it with its own mapper ({@link DispatchOptions#json()}); called directly, it uses the default
 * mapper.
 *
 * @param type the command type
 * @param <C>  the command type
 */
record JsonDecoder<C>(Class<C> type) implements CommandDecoder<C> {

    private static final ObjectMapper DEFAULT = JsonBodies.defaultMapper();

    JsonDecoder {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public C decode(byte[] body) {
        return JsonBodies.decoder(DEFAULT, type).decode(body);
    }
}
