package io.rita.service;

import java.util.Objects;

/**
 * A request whose body has been decoded into a command: what an aggregate subject function of a
 * {@link CommandRoute} gets.
 *
 * <pre>{@code
 * req -> "kmm.events.accounts." + req.token(2)     // token 2 of kmm.services.<account>.deposit-funds
 * }</pre>
 *
 * @param request the request as it arrived
 * @param command the decoded command
 * @param <C>     the command type
 */
public record CommandRequest<C>(Request request, C command) {

    public CommandRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(command, "command");
    }

    /**
     * The request subject's token at {@code index} (0-based), checked to be one safe token.
     *
     * @throws BadRequestException when there is no such token or it is not a safe token
     */
    public String token(int index) {
        return request.token(index);
    }

    /** A request header, or {@code null}. */
    public String header(String name) {
        return request.header(name);
    }
}
