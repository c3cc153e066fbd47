package io.rita.service;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a request body into a command. By default a command route reads JSON into its command
 * record with the dispatcher's mapper ({@link #json(Class)}, see {@link DispatchOptions#json()});
 * {@link CommandRoutes#withDecoder} gives a command another decoder.
 *
 * <pre>{@code
 * CommandDecoder<Ping> ping = (body, json) -> new Ping(new String(body, UTF_8));
 * CommandDecoder<Deposit> checked = (body, json) -> check(json.readValue(body, Deposit.class));
 * }</pre>
 *
 * <p>Any exception thrown here is a 400 reply with its message; throw
 * {@link BadRequestException} to choose the words.
 *
 * @param <C> the command type
 */
@FunctionalInterface
public interface CommandDecoder<C> {

    /**
     * Decodes a request body (empty when none was sent).
     *
     * @param json the dispatcher's JSON mapper ({@link DispatchOptions#json()}), for decoders that read JSON
     * @throws BadRequestException when the body does not describe a command
     */
    C decode(byte[] body, ObjectMapper json);

    /**
     * JSON into {@code type} with the dispatcher's mapper; an empty body reads as {@code {}}.
     * Missing, null or unknown fields and malformed JSON are refused with a message that says
     * which field. The default of every command route.
     */
    static <C> CommandDecoder<C> json(Class<C> type) {
        return (body, json) -> JsonBodies.read(json, type, body);
    }
}
