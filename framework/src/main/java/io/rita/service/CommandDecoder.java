package io.rita.service;

/**
 * Turns a request body into a command. By default a {@link CommandRoute} reads JSON into its
 * command record with the dispatcher's {@link com.fasterxml.jackson.databind.ObjectMapper}
 * ({@link #json(Class)}, see {@link DispatchOptions#json()}); a route takes another decoder
 * with {@link CommandRoute#withDecoder(CommandDecoder)}.
 *
 * <pre>{@code
 * CommandDecoder<Ping> ping = body -> new Ping(new String(body, UTF_8));
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
     * @throws BadRequestException when the body does not describe a command
     */
    C decode(byte[] body);

    /**
     * JSON into {@code type}, read with the dispatcher's mapper ({@link DispatchOptions#json()})
     * when a dispatcher serves the route, with the default mapper when called directly. An empty
     * body reads as {@code {}}. The default of {@link CommandRoute#of}.
     */
    static <C> CommandDecoder<C> json(Class<C> type) {
        return new JsonDecoder<>(type);
    }
}
