package io.rita.service;

import io.rita.decider.Decider;
import io.rita.eventstore.Subjects;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A command endpoint: decode the body into a command, pick the aggregate's subject, decide with
 * the decider on the aggregate's state, append the events.
 *
 * <pre>{@code
 * CommandRoute<DepositFunds, AccountEvent, Account> deposit = CommandRoute.of(
 *     "kmm.services.*.deposit-funds",                 // request subject pattern
 *     DepositFunds.class,                             // body: JSON into this record
 *     (req, command) -> "kmm.events.accounts." + req.token(2),   // the aggregate's subject
 *     accounts);                                      // the decider
 * }</pre>
 *
 * <p>The reply body is empty unless {@link #withReply} says otherwise. See {@link Dispatcher}
 * for what happens on conflicts, rejections and re-sent commands.
 *
 * @param name        the endpoint name (default: the pattern's last literal token)
 * @param pattern     the request subject pattern
 * @param decoder     the body decoder (default {@link CommandDecoder#json(Class)}: JSON through
 *                    {@link DispatchOptions#json()})
 * @param aggregate   the aggregate subject of a request and its decoded command; must be a concrete
 *                    subject. A command field that goes into it is checked with
 *                    {@link io.rita.eventstore.Subjects#requireToken}, whose refusal is a 400
 * @param decider     decides on the aggregate's state
 * @param reply       the success reply body from the new state and the events appended
 *                    ({@code byte[]} as is, {@code null} empty, anything else as JSON)
 * @param <C>         the command type
 * @param <E>         the event type
 * @param <S>         the state type
 */
public record CommandRoute<C, E, S>(String name, String pattern, CommandDecoder<? extends C> decoder,
                                    BiFunction<Request, C, String> aggregate,
                                    Decider<? super C, E, S> decider,
                                    BiFunction<S, List<E>, Object> reply) implements Route {

    public CommandRoute {
        Objects.requireNonNull(name, "name");
        Subjects.requireFilter("a route pattern", pattern);
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(decider, "decider");
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * A command route with the default name, the JSON decoder and an empty reply.
     *
     * @throws IllegalArgumentException when the pattern is not a valid subject filter
     */
    public static <C, E, S> CommandRoute<C, E, S> of(String pattern, Class<C> commandType,
                                                     BiFunction<Request, C, String> aggregate,
                                                     Decider<? super C, E, S> decider) {
        return new CommandRoute<>(Route.defaultName(pattern), pattern, CommandDecoder.json(commandType),
                aggregate, decider, (state, events) -> null);
    }

    /** This route under another endpoint name. */
    public CommandRoute<C, E, S> withName(String newName) {
        return new CommandRoute<>(newName, pattern, decoder, aggregate, decider, reply);
    }

    /** This route with another body decoder. */
    public CommandRoute<C, E, S> withDecoder(CommandDecoder<? extends C> newDecoder) {
        return new CommandRoute<>(name, pattern, newDecoder, aggregate, decider, reply);
    }

    /**
     * This route replying with a body computed from the new state and the events appended.
     * A re-sent command gets the body computed from the current state and the events it stored.
     */
    public CommandRoute<C, E, S> withReply(BiFunction<S, List<E>, Object> newReply) {
        return new CommandRoute<>(name, pattern, decoder, aggregate, decider, newReply);
    }
}
